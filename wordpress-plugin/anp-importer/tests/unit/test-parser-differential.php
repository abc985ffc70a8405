<?php
/**
 * The C extension and the pure-PHP parser return identical arrays.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Runs both parsers over the seeds, 1,000 generated files and edge cases,
 * and compares with ===: key order, types and every message byte.
 */
final class Test_Anp_Parser_Differential extends TestCase {

	protected function setUp(): void {
		if ( ! function_exists( 'anp_parse' ) ) {
			$this->markTestSkipped( 'the anp extension is not loaded: nothing to compare the PHP parser with' );
		}
	}

	/**
	 * The outcome of one parser: the array, or the exception's class, message,
	 * path, line and reason.
	 */
	private static function outcome( callable $parse ): array {
		try {
			return array( 'result' => $parse() );
		} catch ( Throwable $e ) {
			return array(
				'error' => get_class( $e ),
				'message' => $e->getMessage(),
				'where' => $e instanceof \Anp\ParseException ? array( $e->getPath(), $e->getInputLine(), $e->getReason() ) : null,
			);
		}
	}

	private function assert_same_parse( string $text, array $options = array(), string $label = '' ): void {
		$c   = self::outcome( static fn() => anp_parse( $text, $options ) );
		$php = self::outcome( static fn() => Anp_Php_Parser::parse( $text, $options ) );
		$this->assertSame( $c, $php, $label );
	}

	public function test_seeds(): void {
		$seeds = glob( ANP_TESTS_SEEDS . '/*.txt' );
		$this->assertCount( 5, $seeds );
		foreach ( $seeds as $seed ) {
			$this->assertSame( anp_parse_file( $seed ), Anp_Php_Parser::parse_file( $seed ), basename( $seed ) );
			$this->assert_same_parse( file_get_contents( $seed ), array(), basename( $seed ) );
		}
	}

	public function test_a_thousand_generated_files(): void {
		$generator = new Anp_Corpus_Generator( 20261121 );
		for ( $i = 0; $i < 1000; $i++ ) {
			$this->assert_same_parse( $generator->generate( $i ), array(), "generated file $i" );
		}
	}

	/**
	 * Damaged versions of generated files: cut, joined, with bytes flipped,
	 * line endings changed. The parsers must agree on warnings and errors too.
	 */
	public function test_damaged_files(): void {
		$generator = new Anp_Corpus_Generator( 7 );
		$state     = 12345;
		$next      = static function ( int $bound ) use ( &$state ): int {
			$state = ( $state * 1103515245 + 12345 ) & 0x7fffffff;
			return $state % max( 1, $bound );
		};
		$damages   = array(
			static fn( $t ) => substr( $t, 0, $next( strlen( $t ) ) ),
			static fn( $t ) => str_replace( "\n", "\r\n", $t ),
			static fn( $t ) => str_replace( "\n", "\r", $t ),
			static function ( $t ) use ( $next ) {
				$at = $next( strlen( $t ) );
				return substr( $t, 0, $at ) . chr( $next( 256 ) ) . substr( $t, $at + 1 );
			},
			static fn( $t ) => preg_replace( '/^  \x{2022} /mu', '  ', $t ),
			static fn( $t ) => str_replace( ': ', ':', $t ),
			static fn( $t ) => strtoupper( $t ),
			static fn( $t ) => $t . "\nalphanode post meta\nscore\n  \xE2\x80\xA2 quality: 1e3\n",
		);
		for ( $i = 0; $i < 300; $i++ ) {
			$text = $damages[ $i % count( $damages ) ]( $generator->generate( $i ) );
			foreach ( array( array(), array( 'invalid_utf8' => 'substitute' ) ) as $options ) {
				$this->assert_same_parse( $text, $options, "damaged file $i" );
			}
		}
	}

	/**
	 * Hostile shapes, large enough to reach the caps on warnings and
	 * unparsed lines and the cut of long names: both parsers keep the same
	 * first warnings and count the same rest.
	 */
	public function test_hostile_shapes(): void {
		$head   = "T\n\nbody\n\nalphanode post meta\n";
		$bullet = "\u{2022}";
		$shapes = array(
			'stray lines'              => $head . str_repeat( "x\n", 250 ),
			'bullets outside a list'   => $head . "\n" . str_repeat( "  $bullet y\n", 150 ),
			'invalid UTF-8 everywhere' => "T\n\xFF\n\n" . $head . "score\n" . str_repeat( "$bullet a: \xFF\n$bullet b\n", 120 ) . str_repeat( "z\xFF\n", 60 ),
			'long unknown name'        => $head . str_repeat( "n\u{E9}", 90 ) . "\n" . str_repeat( "$bullet a:\n", 150 ),
			'long item keys'           => $head . "score\n" . str_repeat( "$bullet " . str_repeat( "\u{20AC}", 50 ) . ": x\n", 120 ),
			'one-key objects'          => $head . "entities\n" . str_repeat( "$bullet a: b\n", 3000 ),
			'exactly 100 stray lines'  => $head . str_repeat( "x\n", 100 ),
			'101 stray lines'          => $head . str_repeat( "x\n", 101 ),
		);
		foreach ( $shapes as $label => $text ) {
			foreach ( array( array(), array( 'invalid_utf8' => 'substitute' ) ) as $options ) {
				$this->assert_same_parse( $text, $options, $label );
			}
		}
	}

	/**
	 * Files read through a stream whose stat says one size while its reads
	 * give another (a plain file truncated while it is read, a wrapper whose
	 * stat is of another file), and the other ways a file is read or
	 * refused: both parsers read alike.
	 */
	public function test_files_whose_size_changes_while_read(): void {
		if ( ! in_array( 'anp-changing', stream_get_wrappers(), true ) ) {
			stream_wrapper_register( 'anp-changing', Anp_Test_Changing_File::class );
		}
		$post = "whole title\n\nfirst paragraph.\n\nalphanode post meta\nreading time7\n";
		Anp_Test_Changing_File::$files = array(
			'shrunk'  => array( substr( $post, 0, 20 ), strlen( $post ) ),
			'grown'   => array( $post, 20 ),
			'emptied' => array( '', strlen( $post ) ),
			'same'    => array( $post, strlen( $post ) ),
			'no size' => array( $post, null ),
			'too big' => array( $post, 1 << 30 ),
		);
		$dir = sys_get_temp_dir() . '/anp-differential-' . getmypid();
		@mkdir( $dir ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
		file_put_contents( "$dir/post.txt", $post );
		$paths = array( "$dir/post.txt", "$dir/missing.txt", $dir, 'data://text/plain,' . rawurlencode( $post ) );
		foreach ( array_keys( Anp_Test_Changing_File::$files ) as $name ) {
			$paths[] = "anp-changing://$name";
		}
		$outcomes = array();
		foreach ( $paths as $path ) {
			$outcomes[ $path ] = self::outcome( static fn() => anp_parse_file( $path ) );
			$this->assertSame( $outcomes[ $path ], self::outcome( static fn() => Anp_Php_Parser::parse_file( $path ) ), $path );
		}
		// A wrapper's stat is no promise of its size (compress.zlib://,
		// php://filter give the file underneath): read to its end.
		$this->assertSame( $outcomes[ "$dir/post.txt" ], $outcomes['anp-changing://grown'] );
		// A plain file's is: a sysfs file says 4096 bytes and gives a few,
		// as a file truncated while it is read does.
		$short = '/sys/kernel/mm/transparent_hugepage/enabled';
		if ( is_readable( $short ) && filesize( $short ) > strlen( (string) file_get_contents( $short ) ) ) {
			$outcome = self::outcome( static fn() => anp_parse_file( $short ) );
			$this->assertSame( $outcome, self::outcome( static fn() => Anp_Php_Parser::parse_file( $short ) ), $short );
			$this->assertSame( 'cannot read the file: its size changed while it was read; expected a readable ANP file', $outcome['where'][2] ?? null, $short );
		}
		$this->assertSame( $outcomes[ "$dir/post.txt" ], $outcomes['anp-changing://same'] );
		unlink( "$dir/post.txt" );
		rmdir( $dir );
	}

	/**
	 * The facade names the input for the extension, which calls every string
	 * "input": the reason must come through whole, whatever it holds.
	 */
	public function test_a_named_input_keeps_the_reason(): void {
		$inputs = array( '', "title\nbody\x00\n", "title\n\n\xC3\x28\n", "|\n\nalphanode post meta\n", '0123456789' );
		foreach ( $inputs as $text ) {
			foreach ( array( 'posts/a.txt', 'c:/posts/b: c.txt' ) as $path ) {
				$facade = self::outcome( static fn() => Anp_Parser::parse( $text, array( 'max_bytes' => 9 ), $path ) );
				$php    = self::outcome( static fn() => Anp_Php_Parser::parse( $text, array( 'max_bytes' => 9 ), $path ) );
				$this->assertSame( $php, $facade, $path );
				$this->assertSame( $path . ':' . $facade['where'][1] . ': ' . $facade['where'][2], $facade['message'] );
			}
		}
	}

	/**
	 * Every input that the extension's .phpt tests feed to anp_parse(): the
	 * string literals of their code, evaluated, are the edge cases.
	 */
	public function test_the_inputs_of_the_extension_tests(): void {
		$inputs = 0;
		foreach ( glob( ANP_TESTS_ROOT . '/tests/*.phpt' ) as $phpt ) {
			foreach ( self::string_literals( file_get_contents( $phpt ) ) as $text ) {
				foreach ( array( array(), array( 'invalid_utf8' => 'substitute' ), array( 'max_bytes' => 64 ) ) as $options ) {
					$this->assert_same_parse( $text, $options, basename( $phpt ) . ': ' . substr( $text, 0, 60 ) );
				}
				++$inputs;
			}
		}
		$this->assertGreaterThan( 100, $inputs, 'the .phpt tests hold the edge cases' );
	}

	/**
	 * The string literals of the --FILE-- section of a .phpt, evaluated.
	 */
	private static function string_literals( string $phpt ): array {
		if ( ! preg_match( '/^--FILE--\n(.*?)^--[A-Z]+--$/ms', $phpt, $m ) ) {
			return array();
		}
		$strings = array();
		foreach ( token_get_all( $m[1] ) as $token ) {
			if ( is_array( $token ) && T_CONSTANT_ENCAPSED_STRING === $token[0] ) {
				$strings[] = eval( 'return ' . $token[1] . ';' ); // phpcs:ignore Squiz.PHP.Eval -- a literal from our own tests.
			}
		}
		return $strings;
	}
}

/**
 * A stream whose stat gives one size and whose reads give a text of another:
 * Anp_Test_Changing_File::$files maps a name to [ text, size or null ].
 */
final class Anp_Test_Changing_File {

	public static array $files = array();

	/** @var resource|null */
	public $context;

	private string $name = '';

	private int $at = 0;

	public function stream_open( string $path, string $mode, int $options, ?string &$opened ): bool {
		$this->name = substr( $path, strlen( 'anp-changing://' ) );
		return isset( self::$files[ $this->name ] );
	}

	public function stream_read( int $count ): string {
		$chunk     = substr( self::$files[ $this->name ][0], $this->at, $count );
		$this->at += strlen( $chunk );
		return $chunk;
	}

	public function stream_eof(): bool {
		return $this->at >= strlen( self::$files[ $this->name ][0] );
	}

	public function stream_stat(): array {
		$size = self::$files[ $this->name ][1];
		return null === $size ? array() : array(
			'size' => $size,
			'mode' => 0100644,
		);
	}
}

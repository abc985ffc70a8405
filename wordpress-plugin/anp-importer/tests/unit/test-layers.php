<?php
/**
 * The direction of the plugin's dependencies.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Holds the picture that includes/ draws (docs/plugin-layers.md): each
 * folder is a layer, and a class uses only classes of the layers below it.
 * Front ends use the engine; the engine the site's registrations, the
 * mapping and the store; everything the parser. Read from the source, so a
 * new class cannot slip past it.
 */
final class Test_Anp_Layers extends TestCase {

	/**
	 * Each layer and the layers it may use.
	 */
	const MAY_USE = array(
		'cli'    => array( 'engine', 'site', 'map', 'wxr', 'parse' ),
		'admin'  => array( 'engine', 'site', 'map', 'wxr', 'parse' ),
		'engine' => array( 'site', 'map', 'store', 'wxr', 'parse' ),
		'site'   => array( 'map', 'parse' ),
		'store'  => array( 'map' ),
		'map'    => array( 'parse' ),
		'wxr'    => array(),
		'parse'  => array(),
	);

	/**
	 * What a layer's code never does, as a pattern on its code (comments
	 * and strings aside), and why.
	 */
	const NEVER = array(
		'every layer but store' => array(
			'layers'  => array( 'cli', 'admin', 'engine', 'site', 'map', 'wxr', 'parse' ),
			'pattern' => '/\$wpdb\b/',
			'why'     => 'runs SQL: every statement is in store/',
		),
		'engine, store, site, map, parse' => array(
			'layers'  => array( 'engine', 'store', 'site', 'map', 'wxr', 'parse' ),
			'pattern' => '/\b(echo|print|printf|WP_CLI)\b|\bfwrite\s*\(\s*STD(OUT|ERR)/',
			'why'     => 'prints: only the front ends do',
		),
		'map, wxr and parse' => array(
			'layers'  => array( 'map', 'wxr', 'parse' ),
			'pattern' => '/\b(get_option|get_post|get_post_meta|wp_insert_post|wp_update_post|apply_filters|do_action|add_action|add_filter)\s*\(/',
			'why'     => 'reads or writes the site: map/ and parse/ are pure',
		),
	);

	/** @var array Class name => layer. */
	private static $layer_of = array();

	public static function setUpBeforeClass(): void {
		foreach ( self::files() as $file => $layer ) {
			foreach ( self::declared( $file ) as $class ) {
				self::$layer_of[ $class ] = $layer;
			}
		}
	}

	public function test_every_class_is_in_a_layer_folder(): void {
		$loose = glob( dirname( __DIR__, 2 ) . '/includes/*.php' );
		$this->assertSame( array( 'class-anp-plugin.php' ), array_map( 'basename', $loose ), 'only the wiring sits above the layers' );
		$folders = array_map( 'basename', glob( dirname( __DIR__, 2 ) . '/includes/*', GLOB_ONLYDIR ) );
		$this->assertEqualsCanonicalizing( array_keys( self::MAY_USE ), $folders, 'a folder is a layer' );
		// The autoloader's list, read from its source (it needs WordPress to load).
		preg_match( "/const LAYERS = array\\( ([^)]*) \\)/", (string) file_get_contents( dirname( __DIR__, 2 ) . '/includes/class-anp-plugin.php' ), $match );
		$this->assertSame( array_keys( self::MAY_USE ), array_map( static fn( $name ) => trim( $name, " '" ), explode( ',', $match[1] ?? '' ) ), 'Anp_Plugin::LAYERS, in the order dependencies point' );
		$this->assertGreaterThan( 30, count( self::$layer_of ) );
	}

	public function test_dependencies_point_down(): void {
		$wrong = array();
		foreach ( self::files() as $file => $layer ) {
			foreach ( self::used( $file ) as $class ) {
				$used_layer = self::$layer_of[ $class ] ?? null;
				if ( null === $used_layer || $used_layer === $layer ) {
					continue; // Not ours (Anp\ParseException is declared in parse/ too), or the same layer.
				}
				if ( ! in_array( $used_layer, self::MAY_USE[ $layer ], true ) ) {
					$wrong[] = sprintf( '%s/%s uses %s of %s/', $layer, basename( $file ), $class, $used_layer );
				}
			}
		}
		$this->assertSame( array(), $wrong );
	}

	public function test_each_layer_keeps_to_its_job(): void {
		$wrong = array();
		foreach ( self::files() as $file => $layer ) {
			$code = self::code( $file );
			foreach ( self::NEVER as $rule ) {
				if ( in_array( $layer, $rule['layers'], true ) && preg_match( $rule['pattern'], $code, $match ) ) {
					$wrong[] = sprintf( '%s/%s %s (%s)', $layer, basename( $file ), $rule['why'], $match[0] );
				}
			}
		}
		$this->assertSame( array(), $wrong );
	}

	/**
	 * A test of the test: the rules see a use where there is one.
	 */
	public function test_the_scan_sees_classes_in_code_and_callables_but_not_in_comments(): void {
		$file = tempnam( sys_get_temp_dir(), 'anp-layers' );
		file_put_contents( $file, "<?php\n// Anp_Comment\n/** Anp_Doc */\nnew Anp_Ledger(); array( 'Anp_Fields', 'all' ); \$x = 'Anp_Text is prose';\n" );
		$used = self::used( $file );
		unlink( $file );
		$this->assertSame( array( 'Anp_Fields', 'Anp_Ledger' ), $used );
	}

	/**
	 * @return array Path => layer, for every PHP file of the layers.
	 */
	private static function files(): array {
		$files = array();
		foreach ( array_keys( self::MAY_USE ) as $layer ) {
			foreach ( glob( dirname( __DIR__, 2 ) . "/includes/$layer/*.php" ) as $file ) {
				$files[ $file ] = $layer;
			}
		}
		return $files;
	}

	/**
	 * The classes and interfaces a file declares.
	 */
	private static function declared( string $file ): array {
		preg_match_all( '/^\s*(?:final\s+|abstract\s+)?(?:class|interface)\s+(Anp_\w+)/m', self::code( $file ), $matches );
		return $matches[1];
	}

	/**
	 * The Anp_ classes a file names in code: as identifiers, or as a
	 * callable's class ('Anp_Meta_Keys').
	 *
	 * @return string[] Sorted.
	 */
	private static function used( string $file ): array {
		$used = array();
		foreach ( token_get_all( (string) file_get_contents( $file ) ) as $token ) {
			if ( ! is_array( $token ) ) {
				continue;
			}
			if ( T_STRING === $token[0] && str_starts_with( $token[1], 'Anp_' ) ) {
				$used[ $token[1] ] = true;
			} elseif ( T_CONSTANT_ENCAPSED_STRING === $token[0] && preg_match( "/^'(Anp_\\w+)'$/", $token[1], $match ) ) {
				$used[ $match[1] ] = true;
			}
		}
		$used = array_keys( $used );
		sort( $used );
		return array_values( array_diff( $used, self::declared( $file ) ) );
	}

	/**
	 * A file's code without its comments and string contents.
	 */
	private static function code( string $file ): string {
		$code = '';
		foreach ( token_get_all( (string) file_get_contents( $file ) ) as $token ) {
			if ( ! is_array( $token ) ) {
				$code .= $token;
			} elseif ( T_COMMENT === $token[0] || T_DOC_COMMENT === $token[0] ) {
				$code .= ' ';
			} elseif ( T_CONSTANT_ENCAPSED_STRING === $token[0] || T_ENCAPSED_AND_WHITESPACE === $token[0] ) {
				$code .= "''";
			} else {
				$code .= $token[1];
			}
		}
		return $code;
	}
}

<?php
/**
 * What the WordPress tests share: the sandbox, the plugin's commands run as
 * processes, the database read with mysqli, and a fingerprint of the site's
 * content to compare two states of it.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Each test starts on a fresh site (`scripts/sandbox up` on the same folder takes
 * about a second) unless it says otherwise with FRESH_SITE.
 */
abstract class Anp_WP_Test_Case extends TestCase {

	/** Whether setUp() brings up a fresh site. */
	const FRESH_SITE = true;

	/** Taxonomies the plugin fills by default (docs/wordpress.md §3). */
	const TAXONOMIES = array( 'category', 'post_tag', 'anp_stack', 'anp_problem', 'anp_difficulty', 'anp_code_language' );

	/** Slugs that two published posts of one type share: none, however many workers wrote them. */
	const PUBLISHED_SLUG_TWICE = "SELECT COUNT(*) FROM ( SELECT post_name FROM wp_posts WHERE post_status = 'publish' GROUP BY post_name, post_type HAVING COUNT(*) > 1 ) AS twice";

	/** The ledger's rows, one a post imported: what wait_for_ledger_rows() counts unless told. */
	const LEDGER_ROWS = 'SELECT COUNT(*) FROM wp_anp_items';

	/** A fingerprint that two different sites can share. */
	const ACROSS_SITES = array(
		'batch_ids'     => false,
		'install_dates' => false,
	);

	/** @var mysqli|null */
	private static $db;

	/** @var string|null The corpus folder, once generated in this run. */
	private static $corpus;

	/** @var int Bytes of debug.log already looked at. */
	private static $debug_log_seen = 0;

	protected function setUp(): void {
		parent::setUp();
		if ( static::FRESH_SITE ) {
			self::sandbox_up();
		}
		self::$debug_log_seen = is_file( ANP_TESTS_SANDBOX . '/debug.log' ) ? (int) filesize( ANP_TESTS_SANDBOX . '/debug.log' ) : 0;
	}

	protected function tearDown(): void {
		// Whatever the plugin made PHP say while the test ran.
		$log = ANP_TESTS_SANDBOX . '/debug.log';
		if ( is_file( $log ) && filesize( $log ) > self::$debug_log_seen ) {
			$new   = (string) file_get_contents( $log, false, null, self::$debug_log_seen );
			$lines = preg_grep( '/PHP (Fatal|Warning|Notice|Deprecated|Parse).*anp-importer/', explode( "\n", $new ) );
			$this->assertSame( array(), array_values( $lines ), 'PHP errors in the plugin (debug.log)' );
		}
		parent::tearDown();
	}

	/*
	 * The sandbox.
	 */

	/**
	 * A fresh site: the sandbox folder made anew, WordPress installed, the
	 * plugin activated.
	 *
	 * @param array $env More of scripts/sandbox's environment (WP_SANDBOX_DB_SOCKET: a server it does not own).
	 * @throws RuntimeException When the sandbox cannot be brought up.
	 */
	public static function sandbox_up( array $env = array() ): void {
		self::disconnect();
		$result = self::run_process(
			array( ANP_TESTS_ROOT . '/scripts/sandbox', 'up', ANP_TESTS_SANDBOX, ANP_TESTS_PLUGIN ),
			array(
				'timeout' => 120,
				'env'     => array( 'WP_SANDBOX_PORT' => (string) ANP_TESTS_PORT ) + $env,
			)
		);
		if ( 0 !== $result['exit'] ) {
			throw new RuntimeException( "scripts/sandbox up failed:\n" . $result['stdout'] . $result['stderr'] );
		}
	}

	/**
	 * A port number from which base + each offset is free on 127.0.0.1:
	 * for servers a test starts (a Galera cluster, a replica) that another
	 * run of the tests, in a chroot beside this one, may have up too.
	 *
	 * @param int[] $offsets Offsets from the base.
	 * @throws RuntimeException When no such base turns up.
	 */
	protected static function free_port_base( array $offsets ): int {
		for ( $try = 0; $try < 100; $try++ ) {
			$base = random_int( 20000, 50000 );
			foreach ( $offsets as $offset ) {
				$socket = @stream_socket_server( 'tcp://127.0.0.1:' . ( $base + $offset ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a port in use is the answer sought.
				if ( ! $socket ) {
					continue 2;
				}
				fclose( $socket );
			}
			return $base;
		}
		throw new RuntimeException( 'no free ports' );
	}

	/**
	 * Serves the site at self::site_url() (php -S) until the sandbox goes down.
	 *
	 * @throws RuntimeException When the server does not start.
	 */
	protected static function serve(): void {
		$result = self::run_process(
			array( ANP_TESTS_ROOT . '/scripts/sandbox', 'serve', ANP_TESTS_SANDBOX, (string) ANP_TESTS_PORT ),
			array( 'timeout' => 60 )
		);
		if ( 0 !== $result['exit'] ) {
			throw new RuntimeException( "scripts/sandbox serve failed:\n" . $result['stdout'] . $result['stderr'] );
		}
	}

	/**
	 * The site's address, with no slash at the end.
	 */
	protected static function site_url(): string {
		return 'http://127.0.0.1:' . ANP_TESTS_PORT;
	}

	/**
	 * Stops the sandbox's database and web server; its files stay.
	 */
	public static function sandbox_down(): void {
		self::disconnect();
		self::run_process( array( ANP_TESTS_ROOT . '/scripts/sandbox', 'down', ANP_TESTS_SANDBOX ), array( 'timeout' => 120 ) );
	}

	protected static function wordpress_dir(): string {
		return ANP_TESTS_SANDBOX . '/wordpress';
	}

	/*
	 * Processes.
	 */

	/**
	 * Starts a process with its output going to files.
	 *
	 * @param string[] $command The program and its arguments (no shell).
	 * @param array    $options stdin (a string), env (extra variables).
	 * @return array The process: handle, pid, files.
	 */
	protected static function start_process( array $command, array $options = array() ): array {
		$out   = tempnam( sys_get_temp_dir(), 'anp-test-out-' );
		$err   = tempnam( sys_get_temp_dir(), 'anp-test-err-' );
		$stdin = array( 'file', '/dev/null', 'r' );
		$in    = null;
		if ( isset( $options['stdin'] ) ) {
			$in = tempnam( sys_get_temp_dir(), 'anp-test-in-' );
			file_put_contents( $in, $options['stdin'] );
			$stdin = array( 'file', $in, 'r' );
		}
		$env = null;
		if ( ! empty( $options['env'] ) ) {
			$env = getenv() + array();
			foreach ( $options['env'] as $name => $value ) {
				$env[ $name ] = $value;
			}
		}
		$handle = proc_open( $command, array( 0 => $stdin, 1 => array( 'file', $out, 'w' ), 2 => array( 'file', $err, 'w' ) ), $pipes, ANP_TESTS_ROOT, $env );
		if ( ! is_resource( $handle ) ) {
			throw new RuntimeException( 'cannot start ' . implode( ' ', $command ) );
		}
		return array(
			'handle'  => $handle,
			'pid'     => proc_get_status( $handle )['pid'],
			'out'     => $out,
			'err'     => $err,
			'in'      => $in,
			'command' => $command,
			'final'   => null,
		);
	}

	/**
	 * Whether a process still runs. proc_get_status() tells the exit code
	 * once only, so the first status of a finished process is kept.
	 *
	 * @param array $process What start_process() returned.
	 */
	protected static function is_running( array &$process ): bool {
		if ( null !== $process['final'] ) {
			return false;
		}
		$status = proc_get_status( $process['handle'] );
		if ( $status['running'] ) {
			return true;
		}
		$process['final'] = $status;
		return false;
	}

	/**
	 * Waits while a process runs until the ledger (read on the test's
	 * connection) has $rows rows: where the kill tests kill a worker.
	 * Fails the test when the process ends first, or two minutes pass.
	 *
	 * @param array  $process What start_process() returned.
	 * @param int    $rows    Rows of the ledger.
	 * @param string $count   The query that counts them.
	 */
	protected function wait_for_ledger_rows( array &$process, int $rows, string $count = self::LEDGER_ROWS ): void {
		$deadline = microtime( true ) + 120;
		while ( self::is_running( $process ) && microtime( true ) < $deadline ) {
			if ( (int) self::value( $count ) >= $rows ) {
				return;
			}
			usleep( 2000 );
		}
		$this->fail( "the import ended before the ledger had $rows rows: " . self::describe( self::wait_process( $process ) ) );
	}

	/**
	 * Waits for a process to end; kills it when it takes too long.
	 *
	 * @param array $process What start_process() returned.
	 * @param int   $timeout Seconds.
	 * @return array exit (128 + signal when killed by one), signal, stdout, stderr, command.
	 * @throws RuntimeException When the process had to be killed.
	 */
	protected static function wait_process( array $process, int $timeout = 300 ): array {
		$deadline  = microtime( true ) + $timeout;
		$timed_out = false;
		while ( self::is_running( $process ) ) {
			if ( microtime( true ) > $deadline ) {
				posix_kill( $process['pid'], SIGKILL );
				$timed_out = true;
			}
			usleep( 5000 );
		}
		proc_close( $process['handle'] );
		$status = $process['final'];
		$result = array(
			'exit'    => $status['signaled'] ? 128 + $status['termsig'] : $status['exitcode'],
			'signal'  => $status['signaled'] ? $status['termsig'] : 0,
			'stdout'  => (string) file_get_contents( $process['out'] ),
			'stderr'  => (string) file_get_contents( $process['err'] ),
			'command' => implode( ' ', $process['command'] ),
		);
		foreach ( array( $process['out'], $process['err'], $process['in'] ) as $file ) {
			if ( null !== $file ) {
				unlink( $file );
			}
		}
		if ( $timed_out ) {
			throw new RuntimeException( sprintf( "%s: still running after %d s, killed\nstdout: %s\nstderr: %s", $result['command'], $timeout, $result['stdout'], $result['stderr'] ) );
		}
		return $result;
	}

	/**
	 * @param string[] $command The program and its arguments.
	 * @param array    $options timeout, stdin, env.
	 */
	protected static function run_process( array $command, array $options = array() ): array {
		return self::wait_process( self::start_process( $command, $options ), $options['timeout'] ?? 300 );
	}

	/**
	 * The plain runner's command line, as a user types it:
	 *   php [-d extension=anp.so] bin/anp --path=<wordpress> --user=admin <args>
	 *
	 * @param string[] $args    The command and its arguments.
	 * @param array    $options extension (default true), user (default "admin"; null for none).
	 */
	protected static function anp_command( array $args, array $options = array() ): array {
		$options += array(
			'extension' => true,
			'user'      => 'admin',
		);
		$command = array( PHP_BINARY );
		if ( $options['extension'] ) {
			$command[] = '-d';
			$command[] = 'extension=' . ANP_TESTS_EXTENSION;
		}
		$command[] = ANP_TESTS_RUNNER;
		$command[] = '--path=' . self::wordpress_dir();
		if ( null !== $options['user'] ) {
			$command[] = '--user=' . $options['user'];
		}
		return array_merge( $command, $args );
	}

	/**
	 * Runs bin/anp and waits for it.
	 *
	 * @param string[] $args    The command and its arguments.
	 * @param array    $options See anp_command() and run_process().
	 */
	protected static function anp( array $args, array $options = array() ): array {
		return self::run_process( self::anp_command( $args, $options ), $options );
	}

	/**
	 * `import <paths> --format=json <flags>`: the result and the decoded report.
	 *
	 * @param string[] $paths   Files, folders, globs.
	 * @param string[] $flags   More flags (--status=publish, …).
	 * @param array    $options See anp().
	 * @return array [result, report]
	 */
	protected function import_json( array $paths, array $flags = array(), array $options = array() ): array {
		$result = self::anp( array_merge( array( 'import' ), $paths, array( '--format=json' ), $flags ), $options );
		$report = json_decode( trim( $result['stdout'] ), true );
		$this->assertIsArray( $report, 'the JSON report of ' . self::describe( $result ) );
		return array( $result, $report );
	}

	/**
	 * An import that must succeed: exit 0 and no failure.
	 *
	 * @return array The report.
	 */
	protected function import_ok( array $paths, array $flags = array(), array $options = array() ): array {
		list( $result, $report ) = $this->import_json( $paths, $flags, $options );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array(), $report['failures'], self::describe( $result ) );
		$this->assertMatchesRegularExpression( '/^\S+$/', (string) $report['batch'], 'a batch id' );
		return $report;
	}

	/**
	 * The counts of a report.
	 */
	protected static function totals( array $report ): array {
		return array(
			'created' => $report['created'] ?? null,
			'updated' => $report['updated'] ?? null,
			'skipped' => $report['skipped'] ?? null,
			'failed'  => $report['failed'] ?? null,
		);
	}

	/**
	 * A process's command and output, for failure messages.
	 */
	protected static function describe( array $result ): string {
		return sprintf( "%s\nexit %d\nstdout: %s\nstderr: %s", $result['command'], $result['exit'], substr( $result['stdout'], 0, 4000 ), substr( $result['stderr'], 0, 4000 ) );
	}

	/**
	 * Runs PHP code in a process of its own with WordPress loaded from the
	 * sandbox; $input is there as $input (decoded from JSON). What the code
	 * returns comes back decoded from JSON.
	 *
	 * @param string $code  PHP statements ending in "return …;".
	 * @param mixed  $input Anything JSON can hold.
	 * @return mixed
	 */
	protected function wordpress( string $code, $input = null ) {
		$script = 'require getenv( "ANP_TEST_WP_LOAD" ); $input = json_decode( stream_get_contents( STDIN ), true );'
			. ' $output = ( function ( $input ) { ' . $code . ' } )( $input ); echo json_encode( $output, JSON_PRESERVE_ZERO_FRACTION );';
		$result = self::run_process(
			array( PHP_BINARY, '-r', $script ),
			array(
				'stdin' => json_encode( $input ),
				'env'   => array( 'ANP_TEST_WP_LOAD' => self::wordpress_dir() . '/wp-load.php' ),
			)
		);
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		return json_decode( $result['stdout'], true );
	}

	/*
	 * Files.
	 */

	/**
	 * An empty folder for a test's files, beside the sandbox (var/test-wp-files/). The same
	 * name gives the same path, so two sites can import the same paths.
	 */
	protected static function files_dir( string $name ): string {
		$dir = ANP_TESTS_FILES . '/' . $name;
		if ( is_dir( $dir ) ) {
			self::run_process( array( 'rm', '-rf', '--', $dir ) );
		}
		mkdir( $dir, 0777, true );
		return $dir;
	}

	/**
	 * The five seeds, sorted.
	 *
	 * @return string[]
	 */
	protected static function seed_files(): array {
		$files = glob( ANP_TESTS_SEEDS . '/*.txt' );
		sort( $files, SORT_STRING );
		return $files;
	}

	/**
	 * The seeds copied into a folder of the test's own.
	 *
	 * @return string The folder.
	 */
	protected static function seeds_copy( string $name ): string {
		$dir = self::files_dir( $name );
		foreach ( self::seed_files() as $file ) {
			copy( $file, $dir . '/' . basename( $file ) );
		}
		return $dir;
	}

	/**
	 * The seeds and four bad files among them, in a folder: an empty file, a
	 * NUL byte on line 3, invalid UTF-8 on line 5, no title.
	 *
	 * @return array [folder, the failures expected: path, line, reason as the parser says]
	 */
	protected static function good_and_bad_files( string $name ): array {
		$dir     = self::seeds_copy( $name );
		$lines   = explode( "\n", file_get_contents( self::seed_files()[0] ) );
		$nul     = $lines;
		$nul[2]  = substr( $nul[2], 0, 20 ) . "\0" . substr( $nul[2], 20 );
		$utf8    = $lines;
		$utf8[4] = substr( $utf8[4], 0, 10 ) . "\xC3\x28" . substr( $utf8[4], 10 );
		$files = array(
			'000a_empty.txt'    => array( '', 1 ),
			'001a_nul.txt'      => array( implode( "\n", $nul ), 3 ),
			'002a_bad_utf8.txt' => array( implode( "\n", $utf8 ), 5 ),
			'003a_no_title.txt' => array( "|\n\n  |  \n\n", 1 ),
		);
		$bad = array();
		foreach ( $files as $file => list( $bytes, $line ) ) {
			$path = "$dir/$file";
			file_put_contents( $path, $bytes );
			try {
				anp_parse_file( $path );
				throw new LogicException( "$path parses" );
			} catch ( \Anp\ParseException $e ) {
				if ( $e->getInputLine() !== $line || ! str_starts_with( $e->getMessage(), "$path:$line: " ) ) {
					throw new LogicException( "$path: the parser says " . $e->getMessage() . ", the test expected line $line" );
				}
				$bad[] = array(
					'path'   => $path,
					'line'   => $line,
					'reason' => substr( $e->getMessage(), strlen( "$path:$line: " ) ),
				);
			}
		}
		return array( $dir, $bad );
	}

	/**
	 * The 2,000-file corpus of the generator, in var/test-corpus (written once
	 * a run).
	 */
	protected static function corpus(): string {
		if ( null === self::$corpus ) {
			$dir = ANP_TESTS_ROOT . '/var/test-corpus';
			if ( is_dir( $dir ) ) {
				self::run_process( array( 'rm', '-rf', '--', $dir ) );
			}
			( new Anp_Corpus_Generator( 20261121 ) )->write( $dir, 2000 );
			self::$corpus = $dir;
		}
		return self::$corpus;
	}

	/**
	 * Generated files in a folder of the test's own.
	 */
	protected static function generated( string $name, int $seed, int $count ): string {
		$dir = self::files_dir( $name );
		( new Anp_Corpus_Generator( $seed ) )->write( $dir, $count );
		return $dir;
	}

	/**
	 * The ANP files of a folder as the import takes them: sorted by path.
	 *
	 * @return string[]
	 */
	protected static function files_in( string $dir ): array {
		$files = glob( $dir . '/*.txt' );
		sort( $files, SORT_STRING );
		return $files;
	}

	/*
	 * The database.
	 */

	protected static function db(): mysqli {
		if ( null === self::$db ) {
			mysqli_report( MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT );
			self::$db = new mysqli( 'localhost', 'wordpress', 'wordpress', 'wordpress', 0, ANP_TESTS_SANDBOX . '/mysql.sock' );
			self::$db->set_charset( 'utf8mb4' );
		}
		return self::$db;
	}

	private static function disconnect(): void {
		if ( null !== self::$db ) {
			try {
				self::$db->close();
			} catch ( Throwable $e ) {
				unset( $e ); // The server is gone already.
			}
			self::$db = null;
		}
	}

	/**
	 * Rows of a query, every value a string or null; "?" placeholders take
	 * $params as strings.
	 *
	 * @param string $sql    The query.
	 * @param array  $params Its parameters.
	 */
	protected static function rows( string $sql, array $params = array() ): array {
		if ( ! $params ) {
			return self::db()->query( $sql )->fetch_all( MYSQLI_ASSOC );
		}
		$statement = self::db()->prepare( $sql );
		$statement->bind_param( str_repeat( 's', count( $params ) ), ...array_map( 'strval', $params ) );
		$statement->execute();
		$rows = $statement->get_result()->fetch_all( MYSQLI_ASSOC );
		$statement->close();
		// As a plain query gives them: strings (prepared statements give ints).
		foreach ( $rows as &$row ) {
			$row = array_map( static fn( $v ) => null === $v ? null : (string) $v, $row );
		}
		return $rows;
	}

	/**
	 * The first column of the first row, or null.
	 */
	protected static function value( string $sql, array $params = array() ) {
		$rows = self::rows( $sql, $params );
		return $rows ? reset( $rows[0] ) : null;
	}

	protected static function admin_id(): int {
		return (int) self::value( "SELECT ID FROM wp_users WHERE user_login = 'admin'" );
	}

	/**
	 * The ids of the posts (not revisions) whose _anp_content_hash is a hash.
	 *
	 * @return int[]
	 */
	protected static function posts_with_hash( string $hash ): array {
		return array_map( 'intval', array_column( self::rows( "SELECT p.ID FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID WHERE m.meta_key = '_anp_content_hash' AND m.meta_value = ? AND p.post_type <> 'revision' ORDER BY p.ID", array( $hash ) ), 'ID' ) );
	}

	/**
	 * The number of posts the imports made (those with _anp_source).
	 */
	protected static function anp_post_count(): int {
		return (int) self::value( "SELECT COUNT(DISTINCT p.ID) FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_source' WHERE p.post_type <> 'revision'" );
	}

	/**
	 * Every term a post has: taxonomy => sorted names.
	 */
	protected static function post_terms( int $post_id ): array {
		$terms = array();
		foreach ( self::rows( 'SELECT tt.taxonomy, t.name FROM wp_term_relationships tr JOIN wp_term_taxonomy tt ON tt.term_taxonomy_id = tr.term_taxonomy_id JOIN wp_terms t ON t.term_id = tt.term_id WHERE tr.object_id = ?', array( $post_id ) ) as $row ) {
			$terms[ $row['taxonomy'] ][] = $row['name'];
		}
		foreach ( $terms as &$names ) {
			sort( $names, SORT_STRING );
		}
		ksort( $terms );
		return $terms;
	}

	/**
	 * Every meta row of a post: key => values.
	 */
	protected static function post_meta( int $post_id ): array {
		$meta = array();
		foreach ( self::rows( 'SELECT meta_key, meta_value FROM wp_postmeta WHERE post_id = ? ORDER BY meta_id', array( $post_id ) ) as $row ) {
			$meta[ $row['meta_key'] ][] = $row['meta_value'];
		}
		return $meta;
	}

	/*
	 * What the spec says a parsed post becomes.
	 */

	/**
	 * The identity of docs/wordpress.md §5.
	 */
	protected static function spec_identity( array $meta, string $hash ): string {
		if ( is_string( $meta['reference'] ?? null ) && '' !== $meta['reference'] ) {
			return 'reference:' . $meta['reference'];
		}
		if ( is_string( $meta['payload']['source_id'] ?? null ) && '' !== $meta['payload']['source_id'] ) {
			return 'source_id:' . $meta['payload']['source_id'];
		}
		return 'hash:' . $hash;
	}

	/**
	 * The term names of docs/wordpress.md §3: taxonomy => sorted,
	 * distinct names (no category: WordPress's default one).
	 */
	protected static function spec_terms( array $meta ): array {
		$entities = static function ( string $type ) use ( $meta ): array {
			$names = array();
			foreach ( $meta['entities'] ?? array() as $entity ) {
				if ( ( $entity['type'] ?? null ) === $type ) {
					$names[] = $entity['name'];
				}
			}
			return $names;
		};
		$terms = array(
			'category'          => $entities( 'area' ),
			'post_tag'          => $meta['tools'] ?? array(),
			'anp_stack'         => $meta['stack'] ?? array(),
			'anp_problem'       => $entities( 'problem' ),
			'anp_difficulty'    => isset( $meta['difficulty'] ) ? array( $meta['difficulty'] ) : array(),
			'anp_code_language' => isset( $meta['code_language'] ) ? array( $meta['code_language'] ) : array(),
		);
		if ( ! $terms['category'] ) {
			$terms['category'] = array( 'Uncategorized' );
		}
		foreach ( $terms as $taxonomy => &$names ) {
			$names = array_values( array_unique( array_filter( array_map( 'trim', $names ), 'strlen' ) ) );
			sort( $names, SORT_STRING );
			if ( ! $names ) {
				unset( $terms[ $taxonomy ] );
			}
		}
		unset( $names );
		ksort( $terms );
		return $terms;
	}

	/*
	 * Checks.
	 */

	/**
	 * Every term of the plugin's taxonomies counts the published posts that
	 * have it, as WordPress's _update_post_term_count() would.
	 */
	protected function assert_term_counts_right( string $message = '' ): void {
		$wrong = array();
		foreach ( self::rows(
			"SELECT tt.taxonomy, t.name, tt.count,
				( SELECT COUNT(*) FROM wp_term_relationships tr JOIN wp_posts p ON p.ID = tr.object_id
				  WHERE tr.term_taxonomy_id = tt.term_taxonomy_id AND p.post_status = 'publish' AND p.post_type = 'post' ) AS actual
			FROM wp_term_taxonomy tt JOIN wp_terms t ON t.term_id = tt.term_id
			WHERE tt.taxonomy IN ('" . implode( "','", self::TAXONOMIES ) . "')"
		) as $row ) {
			if ( (int) $row['count'] !== (int) $row['actual'] ) {
				$wrong[] = sprintf( '%s "%s": count %d, published posts %d', $row['taxonomy'], $row['name'], $row['count'], $row['actual'] );
			}
		}
		$this->assertSame( array(), $wrong, trim( $message . ' term counts' ) );
	}

	/**
	 * Nothing left pointing at what is gone: meta, term relationships and
	 * revisions of posts that no longer exist, terms without a taxonomy row.
	 */
	protected function assert_no_orphans(): void {
		$this->assertSame( array(), self::fingerprint()['orphans'], 'rows left pointing at nothing' );
	}

	/**
	 * Compares two fingerprints, showing the first posts that differ rather
	 * than a diff of thousands of lines.
	 *
	 * @param array  $expected A fingerprint.
	 * @param array  $actual   Another.
	 * @param string $message  What is compared.
	 */
	protected function assert_same_fingerprint( array $expected, array $actual, string $message ): void {
		foreach ( array_keys( $expected + $actual ) as $part ) {
			$e = $expected[ $part ] ?? array();
			$a = $actual[ $part ] ?? array();
			if ( $e === $a ) {
				continue;
			}
			$missing = array_diff_key( $e, $a );
			$extra   = array_diff_key( $a, $e );
			$changed = array();
			foreach ( array_intersect_key( $e, $a ) as $key => $value ) {
				if ( $value !== $a[ $key ] ) {
					$changed[] = $key;
				}
			}
			$summary = sprintf(
				"%s: %s differs: %d missing (%s), %d extra (%s), %d changed (%s)",
				$message,
				$part,
				count( $missing ),
				implode( ', ', array_slice( array_keys( $missing ), 0, 5 ) ),
				count( $extra ),
				implode( ', ', array_slice( array_keys( $extra ), 0, 5 ) ),
				count( $changed ),
				implode( ', ', array_slice( $changed, 0, 5 ) )
			);
			if ( $changed ) {
				$differences = array();
				foreach ( array_slice( $changed, 0, 5 ) as $key ) {
					$differences = array_merge( $differences, self::differences( $e[ $key ], $a[ $key ], $key ) );
				}
				list( $path, $want, $got ) = $differences[0];
				$this->assertSame( $want, $got, $summary . "\ndifferences at:\n  " . implode( "\n  ", array_slice( array_column( $differences, 0 ), 0, 20 ) ) . "\nthe first one:" );
			}
			$this->assertSame( array_slice( $missing, 0, 3, true ), array_slice( $extra, 0, 3, true ), $summary );
			$this->assertSame( $e, $a, $summary ); // Order of keys, if nothing else.
		}
	}

	/**
	 * Where two values differ: the paths of keys down to each difference,
	 * with the two values there ("(none)" for a key one side lacks). Lists
	 * are compared whole.
	 *
	 * @return array[] [path, expected, actual] each
	 */
	private static function differences( $expected, $actual, string $path ): array {
		if ( $expected === $actual ) {
			return array();
		}
		if ( ! is_array( $expected ) || ! is_array( $actual ) || ( array_is_list( $expected ) && array_is_list( $actual ) ) ) {
			return array( array( $path, $expected, $actual ) );
		}
		$out = array();
		foreach ( array_keys( $expected + $actual ) as $key ) {
			if ( ! array_key_exists( $key, $actual ) ) {
				$out[] = array( "$path › $key", $expected[ $key ], '(none)' );
			} elseif ( ! array_key_exists( $key, $expected ) ) {
				$out[] = array( "$path › $key", '(none)', $actual[ $key ] );
			} else {
				$out = array_merge( $out, self::differences( $expected[ $key ], $actual[ $key ], "$path › $key" ) );
			}
		}
		return $out ? $out : array( array( $path . ' (order)', $expected, $actual ) );
	}

	/**
	 * A full fingerprint cut down as fingerprint( revisions, changes: false )
	 * makes it: a rollback keeps the revisions an update left, and records
	 * its own changes.
	 */
	protected static function without_revisions_and_changes( array $full ): array {
		foreach ( $full['posts'] as &$post ) {
			unset( $post['revisions'] );
		}
		unset( $post );
		$full['changes'] = array();
		return $full;
	}

	/**
	 * A fingerprint without the terms no post has (WordPress never deletes
	 * a term when its last post goes, and neither does a rollback).
	 */
	protected static function without_unused_terms( array $fingerprint ): array {
		$fingerprint['terms'] = array_filter( $fingerprint['terms'], static fn( $term ) => $term['objects'] > 0 );
		return $fingerprint;
	}

	/**
	 * The site's content, free of what differs between two equal sites:
	 * auto-increment ids (posts are keyed by their ANP identity, terms by
	 * taxonomy and slug), post_modified, guid.
	 *
	 * @param array $options {
	 *     @type bool $batch_ids     Keep _anp_import_batch and the ledger's batch ids (default true).
	 *     @type bool $revisions     Keep each post's revisions (default true).
	 *     @type bool $changes       Keep the plugin's anp_changes rows (default true).
	 *     @type bool $install_dates Keep the dates of the posts WordPress made when installed (default true).
	 * }
	 * @return array posts, terms, ledger, changes, orphans; each keyed and sorted.
	 */
	protected static function fingerprint( array $options = array() ): array {
		$options += array(
			'batch_ids'     => true,
			'revisions'     => true,
			'changes'       => true,
			'install_dates' => true,
		);
		$orphans = array();
		$posts   = array();
		foreach ( self::rows( 'SELECT * FROM wp_posts ORDER BY ID' ) as $row ) {
			$posts[ (int) $row['ID'] ] = $row;
		}
		$meta = array();
		foreach ( self::rows( 'SELECT post_id, meta_key, meta_value FROM wp_postmeta ORDER BY meta_id' ) as $row ) {
			if ( ! isset( $posts[ (int) $row['post_id'] ] ) ) {
				$orphans[] = 'postmeta of missing post: ' . $row['meta_key'];
				continue;
			}
			$meta[ (int) $row['post_id'] ][ $row['meta_key'] ][] = $row['meta_value'];
		}

		// Keys: the ANP identity for imported posts, type, slug and title for the others.
		$keys = array();
		$used = array();
		foreach ( $posts as $id => $row ) {
			if ( 'revision' === $row['post_type'] ) {
				continue;
			}
			$key = self::post_key( $row, $meta[ $id ] ?? array() );
			if ( isset( $used[ $key ] ) ) {
				$key .= ' #' . ( ++$used[ $key ] ); // Two posts for one identity: shown as such.
			} else {
				$used[ $key ] = 1;
			}
			$keys[ $id ] = $key;
		}

		$terms_of = array();
		foreach ( self::rows( 'SELECT tr.object_id, tr.term_order, tt.taxonomy, t.slug FROM wp_term_relationships tr LEFT JOIN wp_term_taxonomy tt ON tt.term_taxonomy_id = tr.term_taxonomy_id LEFT JOIN wp_terms t ON t.term_id = tt.term_id' ) as $row ) {
			if ( ! isset( $keys[ (int) $row['object_id'] ] ) || null === $row['slug'] ) {
				$orphans[] = sprintf( 'term relationship of %s %s to %s', isset( $posts[ (int) $row['object_id'] ] ) ? 'revision' : 'missing object', $row['object_id'], $row['taxonomy'] . '|' . $row['slug'] );
				continue;
			}
			$terms_of[ (int) $row['object_id'] ][] = $row['taxonomy'] . '|' . $row['slug'] . ( $row['term_order'] ? '|' . $row['term_order'] : '' );
		}

		$logins = array_column( self::rows( 'SELECT ID, user_login FROM wp_users' ), 'user_login', 'ID' );
		$out    = array();
		foreach ( $keys as $id => $key ) {
			$row    = $posts[ $id ];
			$is_anp = isset( $meta[ $id ]['_anp_source'] );
			$fields = $row;
			unset( $fields['ID'], $fields['guid'], $fields['post_modified'], $fields['post_modified_gmt'] );
			$fields['post_parent'] = $row['post_parent'] ? ( $keys[ (int) $row['post_parent'] ] ?? 'missing' ) : '';
			// The author by login: user ids differ between sites (a Galera
			// node's installer gives admin the node's auto-increment offset).
			$fields['post_author'] = $logins[ (int) $row['post_author'] ] ?? $row['post_author'];
			if ( (string) $row['ID'] === $row['post_name'] ) {
				// Named after its id (a title with nothing a slug keeps): ids differ between sites.
				$fields['post_name'] = '<its id>';
			}
			if ( ! $is_anp && ! $options['install_dates'] ) {
				unset( $fields['post_date'], $fields['post_date_gmt'] );
			}
			$post_meta = $meta[ $id ] ?? array();
			if ( ! $options['batch_ids'] ) {
				unset( $post_meta['_anp_import_batch'] );
			}
			foreach ( $post_meta as &$values ) {
				sort( $values, SORT_STRING );
			}
			unset( $values );
			ksort( $post_meta, SORT_STRING );
			$post_terms = $terms_of[ $id ] ?? array();
			sort( $post_terms, SORT_STRING );
			$out[ $key ] = array(
				'fields' => $fields,
				'meta'   => $post_meta,
				'terms'  => $post_terms,
			);
			if ( $options['revisions'] ) {
				$out[ $key ]['revisions'] = array();
			}
		}
		foreach ( $posts as $id => $row ) {
			if ( 'revision' !== $row['post_type'] ) {
				continue;
			}
			$parent = $keys[ (int) $row['post_parent'] ] ?? null;
			if ( null === $parent ) {
				$orphans[] = 'revision of missing post ' . $row['post_parent'];
			} elseif ( $options['revisions'] ) {
				$out[ $parent ]['revisions'][] = $row['post_title'] . ' | ' . hash( 'sha256', $row['post_content'] ) . ' | ' . $row['post_excerpt'] . ' | ' . count( $meta[ $id ] ?? array() ) . ' meta';
			}
		}
		foreach ( $out as &$post ) {
			if ( isset( $post['revisions'] ) ) {
				sort( $post['revisions'], SORT_STRING );
			}
		}
		unset( $post );
		ksort( $out, SORT_STRING );

		$terms     = array();
		$slug_of   = array();
		$term_rows = self::rows(
			'SELECT t.term_id, t.name, t.slug, t.term_group, tt.term_taxonomy_id, tt.taxonomy, tt.description, tt.parent, tt.count,
				( SELECT COUNT(*) FROM wp_term_relationships tr WHERE tr.term_taxonomy_id = tt.term_taxonomy_id ) AS objects
			FROM wp_terms t LEFT JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id'
		);
		foreach ( $term_rows as $row ) {
			$slug_of[ (int) $row['term_id'] ] = $row['slug'];
		}
		foreach ( $term_rows as $row ) {
			if ( null === $row['taxonomy'] ) {
				$orphans[] = 'term without taxonomy: ' . $row['slug'];
				continue;
			}
			$terms[ $row['taxonomy'] . '|' . $row['slug'] ] = array(
				'name'        => $row['name'],
				'term_group'  => (int) $row['term_group'],
				'description' => $row['description'],
				'parent'      => $row['parent'] ? ( $slug_of[ (int) $row['parent'] ] ?? 'missing' ) : '',
				'count'       => (int) $row['count'],
				'objects'     => (int) $row['objects'],
			);
		}
		ksort( $terms, SORT_STRING );

		$ledger = array();
		foreach ( self::rows( 'SELECT * FROM wp_anp_items' ) as $row ) {
			$ledger[ $row['identity'] ] = array(
				'post'         => $keys[ (int) $row['post_id'] ] ?? 'missing post',
				'content_hash' => $row['content_hash'],
				'source'       => $row['source'],
			) + ( $options['batch_ids'] ? array( 'batch_id' => $row['batch_id'] ) : array() );
		}
		ksort( $ledger, SORT_STRING );

		$changes = array();
		if ( $options['changes'] ) {
			foreach ( self::rows( 'SELECT * FROM wp_anp_changes' ) as $row ) {
				$changes[] = ( $options['batch_ids'] ? $row['batch_id'] . ' ' : '' ) . $row['action'] . ' ' . $row['identity'] . ' ' . ( $keys[ (int) $row['post_id'] ] ?? 'deleted post' );
			}
			sort( $changes, SORT_STRING );
		}

		sort( $orphans, SORT_STRING );
		return array(
			'posts'   => $out,
			'terms'   => $terms,
			'ledger'  => $ledger,
			'changes' => $changes,
			'orphans' => $orphans,
		);
	}

	/**
	 * A fingerprint with each post's slug as its title makes it. Posts of
	 * one title get "-2", "-3" in the order their groups commit, which
	 * workers side by side do not keep; and a pending post keeps the slug
	 * of its title whatever else has it (WordPress's rule), so which posts
	 * have a suffix at all depends on that order too. What must hold
	 * whatever the order: no two published posts with one slug.
	 */
	protected static function slugs_aside( array $fingerprint ): array {
		foreach ( $fingerprint['posts'] as &$post ) {
			$post['fields']['post_name'] = preg_replace( '/-\d+$/', '', (string) $post['fields']['post_name'] );
		}
		unset( $post );
		return $fingerprint;
	}

	/**
	 * What identifies a post in a fingerprint.
	 *
	 * @param array $row  Its wp_posts row.
	 * @param array $meta Its meta, key => values.
	 */
	private static function post_key( array $row, array $meta ): string {
		if ( ! isset( $meta['_anp_source'] ) && ! isset( $meta['_anp_content_hash'] ) ) {
			return $row['post_type'] . ':' . $row['post_name'] . ':' . $row['post_title'];
		}
		$payload = isset( $meta['anp_payload'][0] ) ? unserialize( $meta['anp_payload'][0], array( 'allowed_classes' => false ) ) : null; // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize -- our own sandbox's rows.
		return self::spec_identity(
			array(
				'reference' => $meta['anp_reference'][0] ?? null,
				'payload'   => is_array( $payload ) ? $payload : array(),
			),
			$meta['_anp_content_hash'][0] ?? ''
		);
	}

	/*
	 * Helpers of test-faults.php ("faults").
	 */

	/**
	 * Drops the tests' connection to the database: the next query opens a
	 * new one (after the server was restarted, or its database made anew).
	 */
	protected static function reconnect(): void {
		self::disconnect();
	}

	/**
	 * The fault-injecting must-use plugin (fixtures/anp-faults.php), and the
	 * tables its hook and its second connection lock rows of. The faults
	 * themselves are chosen per command by fault_env().
	 */
	protected static function install_faults(): void {
		$mu = self::wordpress_dir() . '/wp-content/mu-plugins';
		if ( ! is_dir( $mu ) ) {
			mkdir( $mu, 0777, true );
		}
		copy( __DIR__ . '/fixtures/anp-faults.php', $mu . '/anp-faults.php' );
		self::db()->query( 'DROP TABLE IF EXISTS wp_anp_fault, wp_anp_fault_weight' );
		self::db()->query( 'CREATE TABLE wp_anp_fault (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB' );
		self::db()->query( 'INSERT INTO wp_anp_fault VALUES (1, 0), (2, 0), (3, 0)' );
		self::db()->query( 'CREATE TABLE wp_anp_fault_weight (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB' );
		self::db()->query( 'INSERT INTO wp_anp_fault_weight SELECT seq, 0 FROM seq_1_to_500' );
	}

	/**
	 * The environment that makes fixtures/anp-faults.php inject one fault
	 * in the command it is given to.
	 *
	 * @param string $fault "<kind>:<point>" (see the fixture), or '' for none.
	 * @param string $done  The file the fixture makes when the fault happened.
	 */
	protected static function fault_env( string $fault, string $done ): array {
		return array(
			'ANP_FAULT'         => $fault,
			'ANP_FAULT_DONE'    => $done,
			'ANP_FAULT_ROOT'    => ANP_TESTS_ROOT,
			'ANP_FAULT_SANDBOX' => ANP_TESTS_SANDBOX,
		);
	}
}

<?php
/**
 * The private folder of wp-admin's uploads, and the zip checks.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Real files and real zips (ZipArchive) in a folder of the test's own.
 */
final class Test_Anp_Upload_Store extends TestCase {

	/** @var string */
	private $dir;

	/** @var Anp_Upload_Store */
	private $store;

	protected function setUp(): void {
		$this->dir   = sys_get_temp_dir() . '/anp-upload-store-' . getmypid() . '-' . bin2hex( random_bytes( 4 ) );
		$this->store = new Anp_Upload_Store( $this->dir . '/private' );
		mkdir( $this->dir . '/in', 0700, true );
	}

	protected function tearDown(): void {
		exec( 'rm -rf ' . escapeshellarg( $this->dir ) );
	}

	public function test_anp_files_are_stored_under_numbers_in_the_order_they_came_and_the_root_keeps_web_servers_out(): void {
		$id = $this->store->create();
		$this->assertMatchesRegularExpression( '/^[a-f0-9]{32}$/', $id );
		$this->assertSame( array( 'b.TXT' ), $this->store->add( $id, $this->file( "Title: B\n" ), 'b.TXT' ) );
		$this->assertSame( array( 'a.anp' ), $this->store->add( $id, $this->file( "Title: A ✓\n" ), 'C:\\Users\\me\\a.anp' ) );
		$files = $this->store->files( $id );
		$this->assertSame( array( 'b.TXT', 'a.anp' ), array_column( $files, 'name' ) );
		$this->assertSame( array( "$this->dir/private/$id/000001.anp", "$this->dir/private/$id/000002.anp" ), array_column( $files, 'path' ) );
		$this->assertSame( "Title: A ✓\n", file_get_contents( $files[1]['path'] ) );
		$this->assertStringContainsString( 'Require all denied', file_get_contents( "$this->dir/private/.htaccess" ) );
		$this->assertStringContainsString( '<deny users="*" />', file_get_contents( "$this->dir/private/web.config" ) );
		$this->assertFileExists( "$this->dir/private/index.php" );
		$this->assertSame( '0700', substr( sprintf( '%o', fileperms( "$this->dir/private/$id" ) ), -4 ) );
	}

	/**
	 * @dataProvider refused_files
	 */
	public function test_a_file_that_is_not_utf8_text_with_an_anp_name_is_refused_and_nothing_is_kept( string $name, string $bytes, string $message ): void {
		$id = $this->store->create();
		try {
			$this->store->add( $id, $this->file( $bytes ), $name );
			$this->fail( 'not refused' );
		} catch ( Anp_Upload_Exception $e ) {
			$this->assertStringContainsString( $message, $e->getMessage() );
		}
		$this->assertSame( array(), $this->store->files( $id ) );
		$this->assertSame( array( 'manifest.json' ), self::listing( "$this->dir/private/$id" ) );
	}

	public static function refused_files(): array {
		return array(
			'a PHP file'        => array( 'shell.php', "<?php system('id');", 'shell.php: not an ANP file; upload .txt or .anp files, or a .zip of them' ),
			'a double ending'   => array( 'post.txt.php', "Title: x\n", 'post.txt.php: not an ANP file' ),
			'a picture renamed' => array( 'photo.txt', "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 'photo.txt: not a text file (it holds a NUL byte at 8)' ),
			'Latin-1'           => array( 'old.anp', "Title: caf\xe9\n", 'old.anp: not UTF-8 text' ),
			'no name'           => array( '', 'Title: x', ': not an ANP file' ),
		);
	}

	public function test_a_zip_gives_its_anp_files_in_its_order_and_leaves_other_entries_out(): void {
		$zip = $this->zip(
			array(
				'posts/'          => null,
				'posts/one.txt'   => "Title: One\n",
				'README.md'       => 'not a post',
				'posts/two.ANP'   => "Title: Two\n",
				'__MACOSX/._a.txt' => "\0\x05\x16\x07",
				'.hidden.txt'     => 'dot file',
			)
		);
		$id = $this->store->create();
		$this->assertSame( array( 'export.zip/posts/one.txt', 'export.zip/posts/two.ANP' ), $this->store->add( $id, $zip, 'export.zip' ) );
		$files = $this->store->files( $id );
		$this->assertSame( "Title: Two\n", file_get_contents( $files[1]['path'] ) );
		$this->assertSame( array( '000001.anp', '000002.anp', 'manifest.json' ), self::listing( "$this->dir/private/$id" ) );
	}

	/**
	 * @dataProvider unsafe_zips
	 */
	public function test_a_zip_with_an_unsafe_entry_is_refused_whole_and_nothing_is_unpacked_anywhere( array $entries, string $message ): void {
		$zip = $this->zip( $entries );
		$id  = $this->store->create();
		try {
			$this->store->add( $id, $zip, 'evil.zip' );
			$this->fail( 'not refused' );
		} catch ( Anp_Upload_Exception $e ) {
			$this->assertStringContainsString( $message, $e->getMessage() );
		}
		$this->assertSame( array( 'manifest.json' ), self::listing( "$this->dir/private/$id" ) );
		$this->assertSame( array( '.htaccess', $id, 'index.php', 'web.config' ), self::listing( "$this->dir/private" ) );
		$this->assertSame( array( 'in', 'private' ), self::listing( $this->dir ), 'nothing climbed out' );
	}

	public static function unsafe_zips(): array {
		return array(
			'a climb out'        => array( array( 'ok.txt' => 'Title: ok', '../evil.php' => '<?php' ), 'evil.zip: entry "../evil.php" climbs out of the zip with ".."; nothing was unpacked' ),
			'a climb in a .txt'  => array( array( 'a/../../evil.txt' => 'Title: x' ), 'climbs out of the zip' ),
			'an absolute path'   => array( array( '/etc/cron.d/evil.txt' => 'Title: x' ), 'entry "/etc/cron.d/evil.txt" is an absolute path' ),
			'a drive letter'     => array( array( 'C:/evil.txt' => 'Title: x' ), 'is an absolute path' ),
			'a backslash'        => array( array( '..\\evil.txt' => 'Title: x' ), 'a NUL or a backslash' ),
			'no ANP file'        => array( array( 'a.php' => '<?php' ), 'evil.zip: holds no .txt or .anp file' ),
			'a bomb'             => array( array( 'bomb.txt' => str_repeat( "\0", 8 * 1024 * 1024 ) ), 'more than 200 times its packed size' ),
			'a file not UTF-8'   => array( array( 'good.txt' => 'Title: good', 'bad.txt' => "Title: caf\xe9" ), 'evil.zip/bad.txt: not UTF-8 text' ),
		);
	}

	public function test_a_zip_entry_larger_than_an_anp_file_may_be_is_refused_before_it_is_read(): void {
		$store = new Anp_Upload_Store( $this->dir . '/private', 100 );
		$id    = $store->create();
		$this->expectException( Anp_Upload_Exception::class );
		$this->expectExceptionMessage( 'big.zip/ok.txt' );
		try {
			$store->add( $id, $this->zip( array( 'ok.txt' => str_repeat( 'Title: x ', 20 ) ) ), 'big.zip' );
		} finally {
			$this->assertSame( array( 'manifest.json' ), self::listing( "$this->dir/private/$id" ) );
		}
	}

	public function test_a_damaged_entry_and_a_link_are_not_taken(): void {
		$path = $this->dir . '/in/damaged.zip';
		$zip  = new ZipArchive();
		$zip->open( $path, ZipArchive::CREATE );
		$zip->addFromString( 'a.txt', "Title: a post whose bytes change\n" );
		$zip->setCompressionName( 'a.txt', ZipArchive::CM_STORE );
		$zip->addFromString( 'link.txt', '/etc/passwd' );
		$zip->setExternalAttributesName( 'link.txt', ZipArchive::OPSYS_UNIX, 0120777 << 16 );
		$zip->close();
		$id = $this->store->create();
		// The link alone: left out, so the zip holds no ANP file.
		$only_link = $this->dir . '/in/link.zip';
		copy( $path, $only_link );
		$edit = new ZipArchive();
		$edit->open( $only_link );
		$edit->deleteName( 'a.txt' );
		$edit->close();
		try {
			$this->store->add( $id, $only_link, 'link.zip' );
			$this->fail( 'a link was taken' );
		} catch ( Anp_Upload_Exception $e ) {
			$this->assertSame( 'link.zip: holds no .txt or .anp file', $e->getMessage() );
		}
		// One byte of the stored entry changed: its checksum no longer matches.
		$bytes = file_get_contents( $path );
		$at    = strpos( $bytes, 'bytes change' );
		$bytes[ $at ] = 'B';
		file_put_contents( $path, $bytes );
		$this->expectException( Anp_Upload_Exception::class );
		$this->expectExceptionMessage( 'damaged.zip: entry "a.txt" is damaged (its checksum does not match)' );
		$this->store->add( $id, $path, 'damaged.zip' );
	}

	public function test_a_zip_is_stored_an_entry_at_a_time_not_held_in_memory_whole(): void {
		// 48 MB of text in 24 entries, unpacked by a PHP that may use 40 MB.
		$words = explode( ' ', 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega' );
		$zip   = new ZipArchive();
		$path  = $this->dir . '/in/large.zip';
		$zip->open( $path, ZipArchive::CREATE );
		mt_srand( 7 );
		for ( $i = 0; $i < 24; $i++ ) {
			$text = "Title: post $i\n\n";
			while ( strlen( $text ) < 2 * 1024 * 1024 ) {
				$text .= $words[ mt_rand( 0, count( $words ) - 1 ) ] . ( mt_rand( 0, 12 ) ? ' ' : "\n" );
			}
			$zip->addFromString( "post-$i.txt", $text );
		}
		$zip->close();
		$script = sprintf(
			'require %s; $store = new Anp_Upload_Store( %s ); $id = $store->create(); echo count( $store->add( $id, %s, "large.zip" ) );',
			var_export( dirname( __DIR__ ) . '/bootstrap-unit.php', true ),
			var_export( $this->dir . '/private', true ),
			var_export( $path, true )
		);
		exec( escapeshellarg( PHP_BINARY ) . ' -d memory_limit=40M -r ' . escapeshellarg( $script ) . ' 2>&1', $output, $exit );
		$this->assertSame( 0, $exit, implode( "\n", $output ) );
		$this->assertSame( array( '24' ), $output );
	}

	public function test_a_zip_of_too_many_entries_is_refused(): void {
		$entries = array();
		for ( $i = 0; $i <= Anp_Zip_Entries::MAX_ENTRIES; $i++ ) {
			$entries[ "d/$i/" ] = null; // Folders: the cheapest entries.
		}
		$id = $this->store->create();
		$this->expectException( Anp_Upload_Exception::class );
		$this->expectExceptionMessage( 'many.zip: 20001 entries, more than the 20000 a zip may hold' );
		$this->store->add( $id, $this->zip( $entries ), 'many.zip' );
	}

	public function test_a_file_that_is_not_a_zip_is_refused(): void {
		$id = $this->store->create();
		$this->expectException( Anp_Upload_Exception::class );
		$this->expectExceptionMessage( 'fake.zip: not a readable zip file' );
		$this->store->add( $id, $this->file( "Title: a zip in name only\n" ), 'fake.zip' );
	}

	public function test_an_id_from_outside_is_never_a_path(): void {
		$id = $this->store->create();
		mkdir( "$this->dir/private/victim" );
		file_put_contents( "$this->dir/private/victim/manifest.json", '[["../../in/x","x"]]' );
		foreach ( array( '../in', 'victim', "$id/..", strtoupper( $id ), "$id\n", '' ) as $bad ) {
			$this->assertFalse( $this->store->exists( $bad ), $bad );
			$this->store->delete( $bad );
			try {
				$this->store->files( $bad );
				$this->fail( "files( '$bad' ) answered" );
			} catch ( Anp_Upload_Exception $e ) {
				$this->assertStringContainsString( 'no such upload', $e->getMessage() );
			}
		}
		$this->assertFileExists( "$this->dir/private/victim/manifest.json" );
		$this->assertTrue( $this->store->exists( $id ) );
	}

	public function test_purge_removes_what_the_rule_calls_expired_and_tells_it_each_upload(): void {
		$old = $this->store->create();
		$new = $this->store->create();
		$this->store->save_state( $old, array( 'phase' => 'new' ) );
		file_put_contents( "$this->dir/private/$old/" . Anp_Upload_Store::CONVERTED, '<rss/>' );
		foreach ( glob( "$this->dir/private/$old/*" ) as $file ) {
			touch( $file, time() - 7200 );
		}
		$seen = array();
		$this->store->purge(
			static function ( array $state, bool $converted, int $age ) use ( &$seen ): bool {
				$seen[] = array( $state, $converted, $age > 3600 );
				return $age > 3600;
			}
		);
		$this->assertFalse( $this->store->exists( $old ) );
		$this->assertTrue( $this->store->exists( $new ) );
		$this->assertContains( array( array( 'phase' => 'new' ), true, true ), $seen );
		$this->assertContains( array( array(), false, false ), $seen );
	}

	public function test_delete_removes_the_upload_and_its_files(): void {
		$id = $this->store->create();
		$this->store->add( $id, $this->file( "Title: x\n" ), 'x.txt' );
		$this->store->delete( $id );
		$this->assertFalse( $this->store->exists( $id ) );
		$this->assertDirectoryDoesNotExist( "$this->dir/private/$id" );
		$this->store->delete( $id ); // Twice: nothing.
	}

	public function test_names_are_shown_as_valid_utf8_without_control_characters(): void {
		$this->assertSame( 'a?b.txt', Anp_Zip_Entries::shown( "a\x07b.txt" ) );
		$this->assertSame( '<img src=x onerror=alert(1)>.txt', Anp_Zip_Entries::shown( '<img src=x onerror=alert(1)>.txt' ), 'escaping is the page\'s job' );
		$this->assertTrue( (bool) preg_match( '//u', Anp_Zip_Entries::shown( "caf\xe9.txt" ) ) );
		$this->assertSame( 201, mb_strlen( Anp_Zip_Entries::shown( str_repeat( 'é', 500 ) ) ) );
	}

	/**
	 * A file in the test's inbox with these bytes, as PHP's upload would leave it.
	 */
	private function file( string $bytes ): string {
		$path = tempnam( $this->dir . '/in', 'php' );
		file_put_contents( $path, $bytes );
		return $path;
	}

	/**
	 * A zip of these entries (a null value: a folder), written with names as given.
	 *
	 * @param array $entries Name => bytes.
	 */
	private function zip( array $entries ): string {
		$path = $this->dir . '/in/' . bin2hex( random_bytes( 4 ) ) . '.zip';
		$zip  = new ZipArchive();
		$zip->open( $path, ZipArchive::CREATE );
		foreach ( $entries as $name => $bytes ) {
			null === $bytes ? $zip->addEmptyDir( rtrim( (string) $name, '/' ) ) : $zip->addFromString( (string) $name, $bytes );
		}
		$zip->close();
		return $path;
	}

	/**
	 * A folder's entries, sorted, without . and ..
	 */
	private static function listing( string $dir ): array {
		$names = array_values( array_diff( scandir( $dir ), array( '.', '..' ) ) );
		sort( $names );
		return $names;
	}
}

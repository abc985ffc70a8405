<?php
/**
 * The files an import takes from paths, folders and globs.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * On real files in a folder of the test's own: links, FIFOs and folders.
 */
final class Test_Anp_File_Finder extends TestCase {

	/** @var string */
	private $dir;

	protected function setUp(): void {
		$this->dir = sys_get_temp_dir() . '/anp-finder-' . getmypid() . '-' . bin2hex( random_bytes( 4 ) );
		mkdir( $this->dir . '/posts/sub', 0777, true );
		mkdir( $this->dir . '/outside' );
		file_put_contents( $this->dir . '/outside/wp-config.php', "<?php define( 'DB_PASSWORD', 'secret' );\n" );
		file_put_contents( $this->dir . '/outside/other.txt', "other\n" );
		file_put_contents( $this->dir . '/posts/a.txt', "a\n" );
		file_put_contents( $this->dir . '/posts/sub/b.anp', "b\n" );
		file_put_contents( $this->dir . '/posts/readme.md', "not a post\n" );
		symlink( $this->dir . '/outside/wp-config.php', $this->dir . '/posts/leak.txt' );
		symlink( $this->dir . '/posts/a.txt', $this->dir . '/posts/sub/again.txt' );
		symlink( $this->dir . '/outside', $this->dir . '/posts/linked-folder' );
		symlink( $this->dir . '/nowhere.txt', $this->dir . '/posts/dangling.txt' );
		posix_mkfifo( $this->dir . '/posts/pipe.txt', 0600 );
	}

	protected function tearDown(): void {
		exec( 'rm -rf ' . escapeshellarg( $this->dir ) );
	}

	public function test_a_folder_gives_its_regular_files_and_tells_what_it_skipped(): void {
		$finder = new Anp_File_Finder();
		$posts  = $this->dir . '/posts';
		$this->assertSame( array( "$posts/a.txt", "$posts/sub/b.anp" ), $finder->find( array( $posts ) ) );
		$this->assertSame(
			array(
				"$posts/dangling.txt"  => 'a symbolic link, skipped; expected a regular file',
				"$posts/leak.txt"      => 'a symbolic link, skipped; expected a regular file',
				"$posts/linked-folder" => 'a symbolic link, skipped; expected a regular file',
				"$posts/pipe.txt"      => 'not a regular file, skipped; expected a regular file',
				"$posts/sub/again.txt" => 'a symbolic link, skipped; expected a regular file',
			),
			$finder->skipped()
		);
		$this->assertSame( array(), $finder->missing() );
	}

	public function test_a_glob_is_read_as_a_folder(): void {
		$finder = new Anp_File_Finder();
		$posts  = $this->dir . '/posts';
		$this->assertSame( array( "$posts/a.txt" ), $finder->find( array( "$posts/*.txt" ) ) );
		$this->assertSame( array( "$posts/dangling.txt", "$posts/leak.txt", "$posts/pipe.txt" ), array_keys( $finder->skipped() ) );
	}

	public function test_a_file_named_on_its_own_is_taken_when_it_is_a_regular_file(): void {
		$finder = new Anp_File_Finder();
		$posts  = $this->dir . '/posts';
		// Named, a link to a regular file is the person's choice.
		$this->assertSame( array( "$posts/leak.txt" ), $finder->find( array( "$posts/leak.txt" ) ) );
		$this->assertSame( array(), $finder->find( array( "$posts/pipe.txt", "$posts/dangling.txt" ) ) );
		$this->assertSame( array( "$posts/dangling.txt", "$posts/pipe.txt" ), array_keys( $finder->skipped() ) );
		$this->assertSame( array(), $finder->missing() );
		// A named folder that is a link is the person's choice too; its files are its own.
		$this->assertSame( array( "$posts/linked-folder/other.txt" ), $finder->find( array( "$posts/linked-folder" ) ) );
	}
}

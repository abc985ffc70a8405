<?php
/**
 * `wp anp export`: the site's ANP posts as WXR 1.2.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * The export writes each item as core's export_wp() writes it, with either
 * writer, into split files that stand on their own, filtered as wp export
 * filters, and does not hang or write broken XML where core does.
 */
final class Test_Anp_Export extends Anp_WP_Test_Case {

	/**
	 * What an ANP post may carry besides what an import gives it, and what is
	 * not an ANP post. Runs in the sandbox's WordPress; returns the ids.
	 */
	const SETUP = <<<'PHP'
		global $wpdb;
		wp_set_current_user( 1 );
		$anp = array_map( 'intval', $wpdb->get_col( "SELECT p.ID FROM {$wpdb->posts} p JOIN {$wpdb->prefix}anp_items i ON i.post_id = p.ID WHERE p.post_status = 'publish' ORDER BY p.ID" ) );
		stick_post( $anp[0] );
		$second = wp_insert_user( array( 'user_login' => 'second', 'user_pass' => 'second', 'user_email' => 'second@example.org', 'display_name' => 'Second & Co', 'first_name' => 'Sec', 'last_name' => 'Ond', 'role' => 'editor' ) );
		$theirs = array_values( array_filter( $anp, static fn( $id ) => 1 === $id % 3 ) );
		$wpdb->query( "UPDATE {$wpdb->posts} SET post_author = $second WHERE ID IN (" . implode( ',', $theirs ) . ')' );
		$comment = wp_insert_comment( array( 'comment_post_ID' => $anp[1], 'comment_author' => 'Zoë', 'comment_author_email' => 'z@example.org', 'comment_author_url' => 'https://example.org/z', 'comment_content' => "Nice ]]> post\nline two", 'comment_approved' => 1 ) );
		add_comment_meta( $comment, 'rating', '5' );
		add_comment_meta( $comment, 'data', array( 'a' => 1 ) );
		wp_insert_comment( array( 'comment_post_ID' => $anp[1], 'comment_author' => 'Spammer', 'comment_content' => 'buy now', 'comment_approved' => 'spam' ) );
		wp_insert_comment( array( 'comment_post_ID' => $anp[1], 'comment_author' => 'Reply', 'comment_content' => 'a reply', 'comment_approved' => 0, 'comment_parent' => $comment ) );
		$grandparent = wp_insert_term( 'Grandparent Cat', 'category', array( 'description' => 'the top' ) );
		$parent      = wp_insert_term( 'Parent Cat', 'category', array( 'parent' => $grandparent['term_id'] ) );
		$child       = wp_insert_term( 'Child Cat', 'category', array( 'parent' => $parent['term_id'] ) );
		add_term_meta( $child['term_id'], 'colour', 'blue' );
		wp_set_object_terms( $anp[2], array( (int) $child['term_id'] ), 'category', true );
		add_post_meta( $anp[2], 'anp_custom', array( 'k' => 'v', 'n' => array( 1, 2 ) ) );
		add_post_meta( $anp[2], '_edit_lock', '123:1' );
		set_post_format( $anp[3], 'aside' );
		$attachment = wp_insert_attachment( array( 'post_title' => 'An image', 'post_mime_type' => 'image/png', 'post_parent' => $anp[4], 'guid' => 'http://127.0.0.1/wp-content/uploads/2020/01/a.png' ), '2020/01/a.png', $anp[4] );
		$thumbnail  = wp_insert_attachment( array( 'post_title' => 'Thumb', 'post_mime_type' => 'image/png', 'guid' => 'http://127.0.0.1/wp-content/uploads/2020/01/b.png' ), '2020/01/b.png' );
		set_post_thumbnail( $anp[5], $thumbnail );
		$other  = wp_insert_post( array( 'post_title' => 'not an ANP post', 'post_status' => 'publish' ) );
		$lonely = wp_insert_attachment( array( 'post_title' => 'Nobody uses it', 'post_mime_type' => 'image/png' ), '2020/01/c.png' );
		return array(
			'published'   => $anp,
			'sticky'      => $anp[0],
			'commented'   => $anp[1],
			'categorised' => $anp[2],
			'aside'       => $anp[3],
			'attachment'  => $attachment,
			'thumbnail'   => $thumbnail,
			'other'       => $other,
			'lonely'      => $lonely,
			'child_cat'   => (int) $child['term_id'],
			'parent_cat'  => (int) $parent['term_id'],
			'grand_cat'   => (int) $grandparent['term_id'],
		);
		PHP;

	/**
	 * The site every test exports: the seeds (drafts), 20 generated posts
	 * published and 20 pending (three batches), then SETUP.
	 *
	 * @return array SETUP's ids, plus batches (seeds, published, pending) and ids (what the export must hold, in order).
	 */
	private function site(): array {
		$batches = array(
			'seeds'     => $this->import_ok( array( ANP_TESTS_SEEDS ) )['batch'],
			'published' => $this->import_ok( array( self::generated( 'export-published', 901, 20 ) ), array( '--status=publish' ) )['batch'],
			'pending'   => $this->import_ok( array( self::generated( 'export-pending', 902, 20 ) ), array( '--status=pending' ) )['batch'],
		);
		$site            = $this->wordpress( self::SETUP );
		$site['batches'] = $batches;
		$ids             = array_merge( self::ledger_ids(), array( $site['attachment'], $site['thumbnail'] ) );
		sort( $ids );
		$site['ids'] = $ids;
		$this->assertCount( 47, $ids, 'the seeds, 40 generated posts, two attachments' );
		return $site;
	}

	/**
	 * The posts the ledger names, ascending.
	 *
	 * @return int[]
	 */
	private static function ledger_ids(): array {
		return array_map( 'intval', array_column( self::rows( 'SELECT i.post_id FROM wp_anp_items i JOIN wp_posts p ON p.ID = i.post_id ORDER BY i.post_id' ), 'post_id' ) );
	}

	/**
	 * What core's export_wp() writes for the whole site, run in a process
	 * of its own (in WordPress 6.1 it cannot run twice in one).
	 */
	private function core_export(): string {
		$path = self::files_dir( 'export-core' ) . '/core.xml';
		$this->wordpress( 'require_once ABSPATH . "wp-admin/includes/export.php"; ob_start(); export_wp(); file_put_contents( $input, ob_get_clean() ); return true;', $path );
		return (string) file_get_contents( $path );
	}

	/**
	 * A document's items by post id, in the order they stand, each with the
	 * white space at its lines' ends taken off, and the <category> lines of
	 * terms of one name sorted: core leaves their order to the database's
	 * query plan.
	 *
	 * @return string[] post id => item.
	 */
	private static function items_of( string $xml ): array {
		preg_match_all( '#<item>.*?</item>#s', $xml, $matches );
		$out = array();
		foreach ( $matches[0] as $item ) {
			preg_match( '#<wp:post_id>(\d+)</wp:post_id>#', $item, $id );
			$lines = array_map( 'rtrim', explode( "\n", $item ) );
			$name  = static fn( $line ) => preg_match( '#^\s*<category [^>]*><!\[CDATA\[(.*)\]\]></category>$#', $line, $m ) ? mb_strtolower( $m[1] ) : null;
			for ( $i = 0; $i < count( $lines ); $i = $j + 1 ) {
				for ( $j = $i; null !== $name( $lines[ $i ] ) && $j + 1 < count( $lines ) && $name( $lines[ $j + 1 ] ) === $name( $lines[ $i ] ); ++$j ) {
					continue;
				}
				if ( $j > $i ) {
					$group = array_slice( $lines, $i, $j - $i + 1 );
					$texts = array_map( 'ltrim', $group );
					sort( $texts );
					foreach ( $texts as $k => $text ) {
						$lines[ $i + $k ] = substr( $group[ $k ], 0, strlen( $group[ $k ] ) - strlen( ltrim( $group[ $k ] ) ) ) . $text;
					}
				}
			}
			$out[ (int) $id[1] ] = implode( "\n", $lines );
		}
		return $out;
	}

	/**
	 * The export's files in a folder, sorted.
	 *
	 * @return string[]
	 */
	private static function xml_files( string $dir ): array {
		$files = glob( $dir . '/*.xml' );
		sort( $files, SORT_STRING );
		return $files;
	}

	/**
	 * A document with its two timestamps masked: the channel's pubDate and
	 * the generator comment's created.
	 */
	private static function masked( string $xml ): string {
		return preg_replace( array( '#^\t<pubDate>[^<]*</pubDate>$#m', '#created="[^"]*"#' ), array( "\t<pubDate>(now)</pubDate>", 'created="(now)"' ), $xml );
	}

	/**
	 * Runs `export` and checks that it went well.
	 *
	 * @param string[] $flags   Its flags.
	 * @param array    $options See anp().
	 * @return array The process's result.
	 */
	private function export_ok( array $flags, array $options = array() ): array {
		$result = self::anp( array_merge( array( 'export' ), $flags ), $options );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		return $result;
	}

	/**
	 * The ids of the items in files.
	 *
	 * @param string[] $files Paths.
	 * @return int[]
	 */
	private static function ids_in( array $files ): array {
		$ids = array();
		foreach ( $files as $file ) {
			$ids = array_merge( $ids, array_keys( self::items_of( (string) file_get_contents( $file ) ) ) );
		}
		return $ids;
	}

	public function test_each_item_is_the_one_export_wp_writes(): void {
		$site = $this->site();
		$core = self::items_of( $this->core_export() );
		$dir  = self::files_dir( 'export-one' );

		$result = $this->export_ok( array( "--dir=$dir", '--max_file_size=-1' ) );
		$files  = self::xml_files( $dir );
		$this->assertCount( 1, $files, self::describe( $result ) );
		$this->assertMatchesRegularExpression( '/^anpsandbox\.wordpress\.\d{4}-\d\d-\d\d\.000\.xml$/', basename( $files[0] ) );
		$this->assertStringContainsString( 'Success: Exported 47 items in 1 file, ' . filesize( $files[0] ) . ' bytes.', $result['stdout'] );
		$anp = self::items_of( (string) file_get_contents( $files[0] ) );

		$this->assertSame( $site['ids'], array_keys( $anp ), 'the ANP posts and the attachments they use, by id; nothing else' );
		foreach ( $anp as $id => $item ) {
			$this->assertArrayHasKey( $id, $core );
			$this->assertSame( $core[ $id ], $item, "post $id" );
		}
		// What the corpus is there for is there.
		$this->assertStringContainsString( '<wp:is_sticky>1</wp:is_sticky>', $anp[ $site['sticky'] ] );
		$this->assertSame( 2, substr_count( $anp[ $site['commented'] ], '<wp:comment>' ), 'two comments, not the spam' );
		$this->assertStringNotContainsString( 'buy now', $anp[ $site['commented'] ] );
		$this->assertStringContainsString( '<wp:meta_key><![CDATA[rating]]></wp:meta_key>', $anp[ $site['commented'] ] );
		$this->assertStringContainsString( '<category domain="category" nicename="child-cat"><![CDATA[Child Cat]]></category>', $anp[ $site['categorised'] ] );
		$this->assertStringContainsString( '<wp:meta_value><![CDATA[a:2:{s:1:"k";s:1:"v";s:1:"n";a:2:{i:0;i:1;i:1;i:2;}}]]></wp:meta_value>', $anp[ $site['categorised'] ] );
		$this->assertStringNotContainsString( '_edit_lock', $anp[ $site['categorised'] ] );
		$this->assertStringContainsString( '<category domain="post_format" nicename="post-format-aside"><![CDATA[Aside]]></category>', $anp[ $site['aside'] ] );
		$this->assertStringContainsString( '<wp:attachment_url><![CDATA[', $anp[ $site['attachment'] ] );
		$this->assertStringContainsString( '<pubDate></pubDate>', $anp[ self::ledger_ids()[0] ], 'a draft of the seeds has no pubDate' );

		$lint = self::run_process( array( 'xmllint', '--noout', $files[0] ) );
		$this->assertSame( 0, $lint['exit'], $lint['stderr'] );
	}

	public function test_the_extension_and_the_php_writer_write_the_same_bytes(): void {
		$this->site();
		$probe = self::run_process( array( PHP_BINARY, '-d', 'extension=' . ANP_TESTS_EXTENSION, '-r', 'echo class_exists( "Anp\\\\WxrWriter" ) ? "yes" : "no";' ) );
		$this->assertSame( 'yes', $probe['stdout'], 'the extension under test has the C writer' );

		$with    = $this->export_ok( array( '--stdout' ) );
		$without = $this->export_ok( array( '--stdout' ), array( 'extension' => false ) );
		$this->assertStringStartsWith( '<?xml version="1.0" encoding="UTF-8" ?>', $with['stdout'] );
		$this->assertSame( 47, count( self::items_of( $with['stdout'] ) ) );
		$this->assertSame( self::masked( $with['stdout'] ), self::masked( $without['stdout'] ) );
		$this->assertMatchesRegularExpression( '/^Exported 47 items to standard output, \d+ bytes\.$/m', $with['stderr'] );

		// Split files too, and the same bytes a second time: the export is deterministic.
		$bytes = array();
		foreach ( array( 'c' => true, 'php' => false, 'c-again' => true ) as $name => $extension ) {
			$dir = self::files_dir( "export-writer-$name" );
			$this->export_ok( array( "--dir=$dir", '--max_file_size=0.05' ), array( 'extension' => $extension ) );
			foreach ( self::xml_files( $dir ) as $file ) {
				$bytes[ $name ][ basename( $file ) ] = self::masked( (string) file_get_contents( $file ) );
			}
		}
		$this->assertGreaterThan( 1, count( $bytes['c'] ) );
		$this->assertSame( $bytes['c'], $bytes['php'] );
		$this->assertSame( $bytes['c'], $bytes['c-again'] );
	}

	public function test_split_files_are_whole_documents_with_their_own_authors_and_terms(): void {
		$site = $this->site();
		$dir  = self::files_dir( 'export-split' );
		$max  = (int) ( 0.04 * 1024 * 1024 );

		$result = $this->export_ok( array( "--dir=$dir", '--max_file_size=0.04', '--filename_format=part-{n}.xml' ) );
		$files  = self::xml_files( $dir );
		$this->assertGreaterThan( 2, count( $files ), self::describe( $result ) );
		$this->assertSame( array_map( static fn( $n ) => sprintf( 'part-%03d.xml', $n ), range( 0, count( $files ) - 1 ) ), array_map( 'basename', $files ) );
		$this->assertSame( $site['ids'], self::ids_in( $files ), 'every item once, in id order, across the files' );
		$this->assertSame( array(), glob( "$dir/.anp*" ), 'no temporary file left' );

		$slugs = array();
		foreach ( self::rows( 'SELECT t.term_id, t.slug, tt.taxonomy, tt.parent FROM wp_terms t JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id' ) as $row ) {
			$slugs[ (int) $row['term_id'] ] = $row;
		}
		$found_ancestors = false;
		$logins          = array();
		foreach ( $files as $file ) {
			$xml  = (string) file_get_contents( $file );
			$lint = self::run_process( array( 'xmllint', '--noout', $file ) );
			$this->assertSame( 0, $lint['exit'], basename( $file ) . ': ' . $lint['stderr'] );
			$this->assertStringContainsString( "\t<wp:wxr_version>1.2</wp:wxr_version>\n", $xml );
			$this->assertStringEndsWith( "</channel>\n</rss>\n\t", $xml );
			$items = self::items_of( $xml );
			$this->assertNotEmpty( $items, basename( $file ) . ' holds items' );
			$this->assertTrue( strlen( $xml ) <= $max || 1 === count( $items ), basename( $file ) . ' is within the limit, or holds one item' );
			$this->assertStringContainsString( sprintf( '| %s', $file ), $result['stdout'], 'the summary lists the file' );

			// The authors: those of the file's items.
			preg_match_all( '#<dc:creator><!\[CDATA\[(.*?)\]\]></dc:creator>#', $xml, $creators );
			preg_match_all( '#<wp:author_login><!\[CDATA\[(.*?)\]\]></wp:author_login>#', $xml, $authors );
			$creators = array_values( array_unique( $creators[1] ) );
			sort( $creators );
			$this->assertSame( $creators, $authors[1], basename( $file ) . ': the authors of its items (admin, then second, by id)' );
			$logins = array_merge( $logins, $creators );

			// The terms: those the items carry, with their ancestors, parents first.
			preg_match_all( '#<category domain="(category|post_tag|anp_[a-z_]+)" nicename="([^"]+)">#', $xml, $used, PREG_SET_ORDER );
			$want = array();
			foreach ( $used as $term ) {
				$want[ $term[1] . '|' . $term[2] ] = true;
			}
			foreach ( $slugs as $row ) {
				if ( isset( $want[ $row['taxonomy'] . '|' . $row['slug'] ] ) ) {
					for ( $parent = (int) $row['parent']; $parent; $parent = (int) $slugs[ $parent ]['parent'] ) {
						$want[ $slugs[ $parent ]['taxonomy'] . '|' . $slugs[ $parent ]['slug'] ] = true;
						$found_ancestors = true;
					}
				}
			}
			$have = array();
			preg_match_all( '#<wp:category>\s*<wp:term_id>\d+</wp:term_id>\s*<wp:category_nicename><!\[CDATA\[(.*?)\]\]></wp:category_nicename>\s*<wp:category_parent><!\[CDATA\[(.*?)\]\]></wp:category_parent>#', $xml, $cats, PREG_SET_ORDER );
			foreach ( $cats as $cat ) {
				$this->assertTrue( '' === $cat[2] || isset( $have[ 'category|' . $cat[2] ] ), "category {$cat[1]} comes after its parent {$cat[2]}" );
				$have[ 'category|' . $cat[1] ] = true;
			}
			preg_match_all( '#<wp:tag_slug><!\[CDATA\[(.*?)\]\]></wp:tag_slug>#', $xml, $tags );
			foreach ( $tags[1] as $tag ) {
				$have[ 'post_tag|' . $tag ] = true;
			}
			preg_match_all( '#<wp:term_taxonomy><!\[CDATA\[(.*?)\]\]></wp:term_taxonomy>\s*<wp:term_slug><!\[CDATA\[(.*?)\]\]></wp:term_slug>#', $xml, $terms, PREG_SET_ORDER );
			foreach ( $terms as $term ) {
				$have[ $term[1] . '|' . $term[2] ] = true;
			}
			ksort( $want );
			ksort( $have );
			$this->assertSame( array_keys( $want ), array_keys( $have ), basename( $file ) . ': the header holds the terms of its items and their ancestors, no more' );
		}
		$this->assertTrue( $found_ancestors, 'a file carried Child Cat, and with it its parent and grandparent' );
		$logins = array_values( array_unique( $logins ) );
		sort( $logins );
		$this->assertSame( array( 'admin', 'second' ), $logins );

		// --max_file_size=0: a file per item, and none empty (wp export writes an empty first one).
		$dir = self::files_dir( 'export-split-0' );
		$this->export_ok( array( "--dir=$dir", '--max_file_size=0' ) );
		$files = self::xml_files( $dir );
		$this->assertCount( 47, $files );
		$this->assertSame( $site['ids'], self::ids_in( $files ) );
	}

	public function test_a_file_name_without_n_is_refused_when_the_export_may_split(): void {
		$this->site();
		$dir    = self::files_dir( 'export-no-n' );
		$result = self::anp( array( 'export', "--dir=$dir", '--filename_format=all.xml' ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( 'Error: --filename_format "all.xml" has no {n}', $result['stderr'] );
		$this->assertSame( array(), glob( "$dir/*" ) );

		$this->export_ok( array( "--dir=$dir", '--filename_format=all-{site}-{date}.xml', '--max_file_size=-1' ) );
		$this->assertSame( array( "$dir/all-anpsandbox-" . gmdate( 'Y-m-d' ) . '.xml' ), self::xml_files( $dir ) );

		foreach ( array(
			array( '--stdout', "--dir=$dir" ),
			array( "--dir=$dir", '--max_file_size=-2' ),
			array( "--dir=$dir", '--max_file_size=big' ),
			array( "--dir=$dir/missing" ),
			array( '--stdout', '--post_status=nonsense' ),
			array( '--stdout', '--start_date=yesterdayish' ),
			array( '--stdout', '--batch=no-such-batch' ),
			array( '--stdout', '--unknown' ),
		) as $flags ) {
			$result = self::anp( array_merge( array( 'export' ), $flags ) );
			$this->assertSame( 1, $result['exit'], self::describe( $result ) );
			$this->assertStringStartsWith( 'Error: ', $result['stderr'], self::describe( $result ) );
			$this->assertSame( '', $result['stdout'], self::describe( $result ) );
		}
	}

	public function test_the_filters_pick_posts_as_wp_export_does(): void {
		$site = $this->site();
		$ids  = static function ( string $sql, array $params = array() ): array {
			return array_map( 'intval', array_column( self::rows( $sql, $params ), 'ID' ) );
		};
		$with_attachments = static function ( array $posts ) use ( $site ): array {
			$parents = array(
				$site['attachment'] => self::value( 'SELECT post_parent FROM wp_posts WHERE ID = ?', array( $site['attachment'] ) ),
				$site['thumbnail']  => self::value( "SELECT post_id FROM wp_postmeta WHERE meta_key = '_thumbnail_id' AND meta_value = ?", array( $site['thumbnail'] ) ),
			);
			foreach ( $parents as $attachment => $parent ) {
				if ( in_array( (int) $parent, $posts, true ) ) {
					$posts[] = $attachment;
				}
			}
			sort( $posts );
			return $posts;
		};
		$exported = function ( array $flags ): array {
			return array_keys( self::items_of( $this->export_ok( array_merge( array( '--stdout' ), $flags ) )['stdout'] ) );
		};
		$anp = 'SELECT p.ID FROM wp_posts p JOIN wp_anp_items i ON i.post_id = p.ID WHERE ';

		$pending = $ids( "$anp p.post_status = 'pending' ORDER BY p.ID" );
		$this->assertNotEmpty( $pending );
		$this->assertSame( $with_attachments( $pending ), $exported( array( '--post_status=pending' ) ) );
		$published = $ids( "$anp p.post_status = 'publish' ORDER BY p.ID" );
		$this->assertSame( $with_attachments( $published ), $exported( array( '--post_status=publish' ) ) );
		$this->assertContains( $site['thumbnail'], $exported( array( '--post_status=publish' ) ), 'a featured image comes with its post' );

		// Dates: from the day of one post to the day of another, both included.
		$dates = array_column( self::rows( "SELECT DISTINCT LEFT(p.post_date, 10) AS day FROM wp_posts p JOIN wp_anp_items i ON i.post_id = p.ID ORDER BY day" ), 'day' );
		$this->assertGreaterThan( 6, count( $dates ) );
		list( $from, $to ) = array( $dates[2], $dates[ count( $dates ) - 3 ] );
		$in_range = $ids( "$anp p.post_date >= ? AND p.post_date <= ? ORDER BY p.ID", array( "$from 00:00:00", "$to 23:59:59" ) );
		$this->assertSame( $with_attachments( $in_range ), $exported( array( "--start_date=$from", "--end_date=$to" ) ) );
		$this->assertSame( $with_attachments( $ids( "$anp p.post_date >= ? ORDER BY p.ID", array( "$from 00:00:00" ) ) ), $exported( array( "--start_date=$from" ) ) );
		$this->assertSame( $with_attachments( $ids( "$anp p.post_date <= ? ORDER BY p.ID", array( "$to 23:59:59" ) ) ), $exported( array( "--end_date=$to" ) ) );

		// A batch: the posts it created or updated, even when a later batch updated them since.
		$of_batch = $ids( 'SELECT post_id AS ID FROM wp_anp_items WHERE batch_id = ? ORDER BY post_id', array( $site['batches']['pending'] ) );
		$this->assertCount( 20, $of_batch );
		$this->assertSame( $with_attachments( $of_batch ), $exported( array( '--batch=' . $site['batches']['pending'] ) ) );
		$file = self::files_in( ANP_TESTS_FILES . '/export-published' )[0];
		file_put_contents( $file, (string) file_get_contents( $file ) . "\nOne more paragraph, so that the post changes.\n" );
		$update = $this->import_ok( array( $file ), array( '--status=publish' ) );
		$this->assertSame( 1, $update['updated'] );
		$updated = (int) self::value( 'SELECT post_id FROM wp_anp_items WHERE batch_id = ?', array( $update['batch'] ) );
		$this->assertSame( array( $updated ), $exported( array( '--batch=' . $update['batch'] ) ) );
		$first = $exported( array( '--batch=' . $site['batches']['published'] ) );
		$this->assertContains( $updated, $first, 'the batch that created a post still exports it after another updated it' );
		$this->assertSame( $with_attachments( $ids( "SELECT DISTINCT c.post_id AS ID FROM wp_anp_changes c JOIN wp_anp_items i ON i.post_id = c.post_id WHERE c.batch_id = ? ORDER BY c.post_id", array( $site['batches']['published'] ) ) ), $first );
		$this->assertSame( array(), $exported( array( '--batch=' . $site['batches']['published'], '--post_status=draft' ) ), 'filters combine' );
	}

	public function test_a_term_whose_parent_is_gone_does_not_hang_the_export(): void {
		$site = $this->site();
		// The grandparent gone from under its child; Child Cat and a new term in a loop of parents.
		self::db()->query( 'DELETE FROM wp_term_taxonomy WHERE term_id = ' . $site['grand_cat'] );
		self::db()->query( 'DELETE FROM wp_terms WHERE term_id = ' . $site['grand_cat'] );
		$this->wordpress( 'wp_set_object_terms( $input["post"], array( "Loop A", "Loop B" ), "category", true ); return true;', array( 'post' => $site['published'][7] ) );
		$loop = array_column( self::rows( "SELECT tt.term_id FROM wp_term_taxonomy tt JOIN wp_terms t ON t.term_id = tt.term_id WHERE t.name IN ('Loop A', 'Loop B') ORDER BY t.name" ), 'term_id' );
		self::db()->query( "UPDATE wp_term_taxonomy SET parent = {$loop[1]} WHERE term_id = {$loop[0]}" );
		self::db()->query( "UPDATE wp_term_taxonomy SET parent = {$loop[0]} WHERE term_id = {$loop[1]}" );

		$result = self::anp( array( 'export', '--stdout' ), array( 'timeout' => 120 ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$xml = $result['stdout'];
		$this->assertMatchesRegularExpression( '#<wp:category_nicename><!\[CDATA\[parent-cat\]\]></wp:category_nicename>\s*<wp:category_parent><!\[CDATA\[\]\]></wp:category_parent>#', $xml, 'the orphan is top level' );
		$this->assertMatchesRegularExpression( '#<wp:category_nicename><!\[CDATA\[child-cat\]\]></wp:category_nicename>\s*<wp:category_parent><!\[CDATA\[parent-cat\]\]></wp:category_parent>#', $xml );
		$this->assertLessThan( strpos( $xml, '[child-cat]' ), strpos( $xml, '[parent-cat]' ) );
		foreach ( array( 'loop-a', 'loop-b' ) as $slug ) {
			$this->assertMatchesRegularExpression( "#<wp:category_nicename><!\\[CDATA\\[$slug\\]\\]></wp:category_nicename>\\s*<wp:category_parent><!\\[CDATA\\[\\]\\]></wp:category_parent>#", $xml, "$slug, in a loop of parents, is top level" );
		}
		$this->assertSame( 47, count( self::items_of( $xml ) ) );
	}

	public function test_a_post_with_invalid_utf8_is_named_and_left_out_and_the_others_are_exported(): void {
		$site   = $this->site();
		$victim = $site['published'][6];
		// MariaDB turns invalid UTF-8 into "?" in a utf8mb4 column; a binary
		// column hands PHP the bytes as they are, as on sites whose tables
		// were converted badly.
		self::db()->query( 'ALTER TABLE wp_postmeta MODIFY meta_value LONGBLOB' );
		self::db()->query( "INSERT INTO wp_postmeta (post_id, meta_key, meta_value) VALUES ($victim, 'anp_broken', CONCAT('ok ', X'C328', ' not'))" );
		// And a control character, which XML forbids: dropped and counted, the post kept.
		self::db()->query( "UPDATE wp_posts SET post_title = CONCAT(post_title, X'01') WHERE ID = {$site['published'][8]}" );

		$dir    = self::files_dir( 'export-utf8' );
		$result = self::anp( array( 'export', "--dir=$dir" ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertMatchesRegularExpression( "/^Warning: post $victim: invalid UTF-8 in meta\\[\\d+\\]\\.value at byte 3 \\(meta key \"anp_broken\"\\)$/m", $result['stderr'] );
		$this->assertMatchesRegularExpression( '/^Warning: 1 character that XML does not allow .* dropped/m', $result['stderr'] );
		$this->assertMatchesRegularExpression( '/^Warning: Exported 46 items in 1 file, \d+ bytes\. 1 post failed and is left out\.$/m', $result['stderr'] );
		$files = self::xml_files( $dir );
		$this->assertCount( 1, $files );
		$this->assertSame( array_values( array_diff( $site['ids'], array( $victim ) ) ), self::ids_in( $files ) );
		$lint = self::run_process( array( 'xmllint', '--noout', $files[0] ) );
		$this->assertSame( 0, $lint['exit'], $lint['stderr'] );
	}

	/**
	 * A persistent object cache (Redis, Memcached) is shared with the site's
	 * requests: the export reads rows that may be a chunk old (read in the
	 * background), so it never puts them there. Here with the file-backed
	 * drop-in: while the export makes the items of posts no longer in the
	 * cache, another process finds no entry of them there.
	 */
	public function test_the_export_puts_nothing_in_a_persistent_object_cache(): void {
		$this->import_ok( array( self::seeds_copy( 'export-persistent-cache' ) ) );
		$dropin = self::wordpress_dir() . '/wp-content/object-cache.php';
		copy( __DIR__ . '/fixtures/object-cache-persistent.php', $dropin );
		try {
			$found = $this->wordpress(
				'$ids = array_map( "intval", $GLOBALS["wpdb"]->get_col( "SELECT post_id FROM {$GLOBALS["wpdb"]->prefix}anp_items ORDER BY post_id" ) );
				foreach ( $ids as $id ) {
					clean_post_cache( $id );
				}
				$builder = new Anp_Export_Item_Builder( new Anp_Export_Rows() );
				$found   = array();
				foreach ( $builder->items( $ids ) as $item ) {
					// What another process would read now, half-way through the chunk (or after a kill).
					$store = new Anp_Test_Persistent_Cache();
					foreach ( $ids as $id ) {
						foreach ( array( "posts", "post_meta" ) as $group ) {
							$store->get( $id, $group, $hit );
							if ( $hit ) {
								$found[ "$group:$id" ] = true;
							}
						}
					}
				}
				return array_keys( $found );'
			);
		} finally {
			unlink( $dropin );
		}
		$this->assertSame( array(), $found, 'entries the export left in the shared cache' );
	}
}

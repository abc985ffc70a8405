<?php
/**
 * `convert`: ANP files to WXR with no site, and the import knowing again
 * the posts the WordPress Importer makes of them.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Converts the seeds and a generated corpus with `php bin/anp convert` and
 * no WordPress, loads the result as the WordPress Importer 0.9.5 does, and
 * imports the same files on top: nothing is made twice.
 */
final class Test_Anp_Convert extends Anp_WP_Test_Case {

	/*
	 * Adoption: posts with an import's bookkeeping that the ledger lacks.
	 */

	public function test_an_import_adopts_posts_with_bookkeeping_missing_from_the_ledger(): void {
		$dir = self::seeds_copy( 'convert-adopt' );
		$this->assertSame( 5, $this->import_ok( array( $dir ) )['created'] );
		$posts = self::anp_post_count();
		// Two posts lose their ledger rows, as posts another site's import
		// made and the WordPress Importer brought here have none. The ledger
		// is not empty, so the reinstall's rebuild does not run.
		$gone = self::rows( 'SELECT identity, post_id FROM wp_anp_items ORDER BY post_id LIMIT 2' );
		self::db()->query( "DELETE FROM wp_anp_items WHERE post_id IN ({$gone[0]['post_id']}, {$gone[1]['post_id']})" );

		// And one of them comes back changed: it updates its post.
		$file = self::files_in( $dir )[0];
		file_put_contents( $file, preg_replace( '/\n/', " (changed)\n", file_get_contents( $file ), 1 ) );

		$report = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 1, 'skipped' => 4, 'failed' => 0 ), self::totals( $report ) );
		$this->assertSame( $posts, self::anp_post_count(), 'no second post' );
		foreach ( $gone as $row ) {
			$this->assertSame( $row['post_id'], self::value( 'SELECT post_id FROM wp_anp_items WHERE identity = ?', array( $row['identity'] ) ), 'the ledger knows the post again' );
		}
		$this->assertStringEndsWith( '(changed)', (string) self::value( 'SELECT post_title FROM wp_posts WHERE ID = ?', array( $gone[0]['post_id'] ) ) );
	}

	public function test_adoption_costs_one_lookup_when_nothing_is_new(): void {
		$dir = self::seeds_copy( 'convert-adopt-cheap' );
		$this->import_ok( array( $dir ) );
		$mark = (int) self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_adopted_meta_id'" );
		$this->assertSame( (int) self::value( "SELECT MAX(meta_id) FROM wp_postmeta WHERE meta_key = '_anp_content_hash'" ) > 0, true );
		// A second run looks at the rows the first one added, then at none.
		$this->import_ok( array( $dir ) );
		$this->assertSame( (int) self::value( "SELECT MAX(meta_id) FROM wp_postmeta WHERE meta_key = '_anp_content_hash'" ), (int) self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_adopted_meta_id'" ) );
		$this->assertGreaterThanOrEqual( $mark, (int) self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_adopted_meta_id'" ) );
		$counted = $this->wordpress( 'global $wpdb; $before = $wpdb->num_queries; $n = Anp_Schema::adopt_items(); return array( $n, $wpdb->num_queries - $before );' );
		$this->assertSame( array( 0, 1 ), $counted, 'nothing new: one query, nothing adopted' );
	}

	/*
	 * Converting, with no WordPress.
	 */

	/**
	 * `php bin/anp convert` with a PHP that has no database client at all
	 * (-n: no mysqli; only the extensions convert needs), and no --path.
	 *
	 * @param string[] $args      The command's arguments.
	 * @param bool     $extension      Whether to load the anp extension (C parser and writer).
	 * @param string[] $php_extensions PHP's own extensions to load.
	 */
	private static function convert( array $args, bool $extension = true, array $php_extensions = array( 'mbstring', 'xmlwriter' ) ): array {
		$command = array( PHP_BINARY, '-n' );
		foreach ( $php_extensions as $name ) {
			array_push( $command, '-d', 'extension=' . $name );
		}
		if ( $extension ) {
			array_push( $command, '-d', 'extension=' . ANP_TESTS_EXTENSION );
		}
		$command[] = ANP_TESTS_RUNNER;
		$command[] = 'convert';
		return self::run_process( array_merge( $command, $args ) );
	}

	/**
	 * The WXR files of a folder, each well-formed (xmllint), sorted.
	 *
	 * @return string[]
	 */
	private function wxr_files( string $dir ): array {
		$files = glob( $dir . '/*.xml' );
		sort( $files, SORT_STRING );
		$this->assertNotEmpty( $files, "WXR files in $dir" );
		foreach ( $files as $file ) {
			$lint = self::run_process( array( 'xmllint', '--noout', $file ) );
			$this->assertSame( 0, $lint['exit'], "$file is well-formed: " . $lint['stderr'] );
		}
		return $files;
	}

	/**
	 * The items of WXR files as the WordPress Importer's SimpleXML parser reads them.
	 *
	 * @param string[] $files WXR files.
	 * @return array[] title, content, excerpt, post_id, post_date, post_date_gmt, post_name, status, post_type, guid, categories (domain, nicename, name), meta (key => value).
	 */
	private static function wxr_items( array $files ): array {
		$items = array();
		foreach ( $files as $file ) {
			$xml = simplexml_load_file( $file );
			$ns  = $xml->getNamespaces( true );
			foreach ( $xml->channel->item as $item ) {
				$wp      = $item->children( $ns['wp'] );
				$content = $item->children( 'http://purl.org/rss/1.0/modules/content/' );
				$excerpt = $item->children( $ns['excerpt'] );
				$post    = array(
					'title'         => (string) $item->title,
					'content'       => (string) $content->encoded,
					'excerpt'       => (string) $excerpt->encoded,
					'post_id'       => (int) $wp->post_id,
					'post_date'     => (string) $wp->post_date,
					'post_date_gmt' => (string) $wp->post_date_gmt,
					'post_name'     => (string) $wp->post_name,
					'status'        => (string) $wp->status,
					'post_type'     => (string) $wp->post_type,
					'guid'          => (string) $item->guid,
					'creator'       => (string) $item->children( 'http://purl.org/dc/elements/1.1/' )->creator,
					'categories'    => array(),
					'meta'          => array(),
				);
				foreach ( $item->category as $category ) {
					$post['categories'][] = array(
						'domain'   => (string) $category['domain'],
						'nicename' => (string) $category['nicename'],
						'name'     => (string) $category,
					);
				}
				foreach ( $wp->postmeta as $meta ) {
					$post['meta'][ (string) $meta->meta_key ] = (string) $meta->meta_value;
				}
				$items[] = $post;
			}
		}
		return $items;
	}

	public function test_convert_needs_no_database_and_writes_what_an_import_stores(): void {
		$seeds  = self::seeds_copy( 'convert-seeds' );
		$corpus = self::generated( 'convert-corpus', 20261207, 40 );
		$out    = self::files_dir( 'convert-out' );
		$flags  = array( '--status=publish', '--post-date=last_reviewed' );
		$result = self::convert( array_merge( array( $seeds, $corpus, "--dir=$out" ), $flags ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( '45 files converted, 0 skipped, 0 failed', $result['stdout'], self::describe( $result ) );
		$items = self::wxr_items( $this->wxr_files( $out ) );
		$this->assertCount( 45, $items );
		$this->assertSame( range( 1, 45 ), array_column( $items, 'post_id' ), 'ids 1..n in the order of the files' );

		$this->import_ok( array( $seeds, $corpus ), $flags );
		$files = array_merge( self::files_in( $seeds ), self::files_in( $corpus ) );
		foreach ( $items as $i => $item ) {
			$hash = hash_file( 'sha256', $files[ $i ] );
			$this->assertSame( $hash, $item['meta']['_anp_content_hash'], 'the items are in the order of the files' );
			$ids = self::posts_with_hash( $hash );
			$this->assertCount( 1, $ids );
			$post = self::rows( 'SELECT * FROM wp_posts WHERE ID = ?', array( $ids[0] ) )[0];
			$what = basename( $files[ $i ] );
			$this->assertSame( $post['post_title'], $item['title'], "$what: title" );
			$this->assertSame( $post['post_content'], $item['content'], "$what: content" );
			$this->assertSame( $post['post_excerpt'], $item['excerpt'], "$what: excerpt" );
			$this->assertSame( $post['post_status'], $item['status'], "$what: status" );
			$this->assertSame( $post['post_type'], $item['post_type'], "$what: type" );
			$this->assertSame( $post['post_name'], $item['post_name'], "$what: slug" );
			$this->assertSame( $post['post_date'], $item['post_date'], "$what: date" );
			$this->assertSame( '0000-00-00 00:00:00', $item['post_date_gmt'], "$what: the site computes the GMT date" );
			$this->assertSame( '', $item['guid'], "$what: the site makes the guid" );
			$this->assertSame( 'admin', $item['creator'] );
			// Meta: the bytes the import stored, but the batch (no run wrote a converted post).
			// (WordPress's own, such as _encloseme on publish, are the site's: left out.)
			$stored = array_filter( array_map( static fn( $values ) => $values[0], self::post_meta( $ids[0] ) ), static fn( $key ) => (bool) preg_match( '/^_?anp_/', $key ), ARRAY_FILTER_USE_KEY );
			$this->assertSame( '', $item['meta']['_anp_import_batch'] );
			unset( $stored['_anp_import_batch'], $item['meta']['_anp_import_batch'] );
			ksort( $stored );
			ksort( $item['meta'] );
			$this->assertSame( $stored, $item['meta'], "$what: meta" );
			// Terms: the slugs the import's terms have, per taxonomy.
			$slugs = array();
			foreach ( self::rows( 'SELECT tt.taxonomy, t.slug FROM wp_term_relationships tr JOIN wp_term_taxonomy tt ON tt.term_taxonomy_id = tr.term_taxonomy_id JOIN wp_terms t ON t.term_id = tt.term_id WHERE tr.object_id = ?', array( $ids[0] ) ) as $row ) {
				$slugs[] = $row['taxonomy'] . '|' . $row['slug'];
			}
			$converted = array_map( static fn( $c ) => $c['domain'] . '|' . $c['nicename'], $item['categories'] );
			if ( ! preg_grep( '/^category\|/', $converted ) ) {
				$converted[] = 'category|uncategorized'; // WordPress's default category, on both sides.
			}
			sort( $slugs );
			sort( $converted );
			$this->assertSame( $slugs, array_values( array_unique( $converted ) ), "$what: terms" );
		}
	}

	public function test_a_bad_file_fails_alone_and_the_run_exits_non_zero(): void {
		list( $dir, $bad ) = self::good_and_bad_files( 'convert-bad' );
		$out    = self::files_dir( 'convert-bad-out' );
		$result = self::convert( array( $dir, "--dir=$out" ), false );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		foreach ( $bad as $failure ) {
			$this->assertStringContainsString( 'Warning: ' . $failure['path'] . ':' . $failure['line'] . ': ' . $failure['reason'] . "\n", $result['stderr'] );
		}
		$this->assertStringContainsString( '5 files converted, 0 skipped, 4 failed', $result['stderr'] );
		$this->assertCount( 5, self::wxr_items( $this->wxr_files( $out ) ) );
	}

	public function test_a_second_file_of_one_identity_is_skipped_with_a_warning(): void {
		$dir   = self::files_dir( 'convert-twice' );
		$seed  = self::seed_files()[2];
		copy( $seed, "$dir/a.txt" );
		// The same reference, other bytes: the import would update a's post with it.
		file_put_contents( "$dir/b.txt", preg_replace( '/\n/', " (again)\n", file_get_contents( $seed ), 1 ) );
		$out    = self::files_dir( 'convert-twice-out' );
		$result = self::convert( array( $dir, "--dir=$out" ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( "Warning: $dir/b.txt:0: not converted: $dir/a.txt, converted before it, is the same post", $result['stderr'] );
		$this->assertStringContainsString( '1 files converted, 1 skipped, 0 failed', $result['stdout'] );
		$items = self::wxr_items( $this->wxr_files( $out ) );
		$this->assertCount( 1, $items );
		$this->assertSame( hash_file( 'sha256', "$dir/a.txt" ), $items[0]['meta']['_anp_content_hash'] );
	}

	public function test_split_files_each_stand_alone_and_hold_every_post_once(): void {
		$dir    = self::generated( 'convert-split', 99, 30 );
		$out    = self::files_dir( 'convert-split-out' );
		$result = self::convert( array( $dir, "--dir=$out", '--max_file_size=0.02' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$files = $this->wxr_files( $out );
		$this->assertGreaterThan( 2, count( $files ) );
		$items = self::wxr_items( $files );
		$this->assertSame( range( 1, 30 ), array_column( $items, 'post_id' ) );
		foreach ( $files as $file ) {
			$one = self::wxr_items( array( $file ) );
			$this->assertTrue( 1 === count( $one ) || filesize( $file ) <= 0.02 * 1024 * 1024, "$file: over the limit with more than one post" );
			// Each file's header has the terms its posts use, and only those.
			$xml   = (string) file_get_contents( $file );
			preg_match_all( '#<wp:(?:category_nicename|tag_slug|term_slug)><!\[CDATA\[(.*?)\]\]>#', $xml, $header );
			$used = array();
			foreach ( $one as $item ) {
				foreach ( $item['categories'] as $category ) {
					$used[] = $category['nicename'];
				}
			}
			$this->assertEqualsCanonicalizing( array_values( array_unique( $used ) ), array_values( array_unique( $header[1] ) ), "$file: its header's terms" );
		}
	}

	/**
	 * The WordPress Importer 0.9.5's way with a WXR file, as far as these
	 * files need it (wxr-core §2.2), for a site where the importer is not
	 * installed: the header's terms by slug, each post with its old id as
	 * import_id unless post_exists( title, '', date ) finds it, its terms by
	 * slug (created from the item when missing), its meta through the
	 * importer's maybe_unserialize() and add_post_meta( wp_slash( key ),
	 * wp_slash_strings_only( value ) ), as the admin who runs the import.
	 *
	 * @param string[] $files WXR files.
	 * @return array created, existed
	 */
	private function load_as_the_wordpress_importer( array $files ): array {
		return $this->wordpress(
			'wp_set_current_user( get_user_by( "login", "admin" )->ID );
			require_once ABSPATH . "wp-admin/includes/post.php";
			$created = 0; $existed = 0;
			$unserialize = static function ( $value ) {
				if ( is_serialized( $value ) ) {
					$value = preg_replace( "/O:\\d+:\"[^\"]+\":/i", "O:8:\"stdClass\":", $value );
					return @unserialize( trim( $value ) );
				}
				return $value;
			};
			foreach ( $input as $file ) {
				$xml = simplexml_load_string( file_get_contents( $file ) );
				$ns  = $xml->getNamespaces( true );
				$channel = $xml->channel->children( $ns["wp"] );
				foreach ( $channel->category as $c ) { if ( ! term_exists( (string) $c->category_nicename, "category" ) ) { wp_insert_term( (string) $c->cat_name, "category", array( "slug" => (string) $c->category_nicename ) ); } }
				foreach ( $channel->tag as $t ) { if ( ! term_exists( (string) $t->tag_slug, "post_tag" ) ) { wp_insert_term( (string) $t->tag_name, "post_tag", array( "slug" => (string) $t->tag_slug ) ); } }
				foreach ( $channel->term as $t ) { if ( ! term_exists( (string) $t->term_slug, (string) $t->term_taxonomy ) ) { wp_insert_term( (string) $t->term_name, (string) $t->term_taxonomy, array( "slug" => (string) $t->term_slug ) ); } }
				foreach ( $xml->channel->item as $item ) {
					$wp = $item->children( $ns["wp"] );
					$title = (string) $item->title;
					$date  = (string) $wp->post_date;
					if ( post_exists( $title, "", $date, (string) $wp->post_type ) ) { ++$existed; continue; }
					$postdata = array(
						"import_id" => (int) $wp->post_id, "post_author" => get_current_user_id(), "post_date" => $date, "post_date_gmt" => (string) $wp->post_date_gmt,
						"post_content" => (string) $item->children( "http://purl.org/rss/1.0/modules/content/" )->encoded, "post_excerpt" => (string) $item->children( $ns["excerpt"] )->encoded,
						"post_title" => $title, "post_status" => (string) $wp->status, "post_name" => (string) $wp->post_name, "comment_status" => (string) $wp->comment_status,
						"ping_status" => (string) $wp->ping_status, "guid" => (string) $item->guid, "post_parent" => (int) $wp->post_parent, "menu_order" => (int) $wp->menu_order,
						"post_type" => (string) $wp->post_type, "post_password" => (string) $wp->post_password,
					);
					$id = wp_insert_post( wp_slash( $postdata ), true );
					if ( is_wp_error( $id ) ) { return $id->get_error_message(); }
					++$created;
					$terms = array();
					foreach ( $item->category as $c ) {
						$tax = "tag" === (string) $c["domain"] ? "post_tag" : (string) $c["domain"];
						$t = term_exists( (string) $c["nicename"], $tax );
						if ( ! $t ) { $t = wp_insert_term( (string) $c, $tax, array( "slug" => (string) $c["nicename"] ) ); }
						if ( is_wp_error( $t ) ) { return $t->get_error_message(); }
						$terms[ $tax ][] = (int) $t["term_id"];
					}
					foreach ( $terms as $tax => $ids ) { wp_set_post_terms( $id, $ids, $tax ); }
					foreach ( $wp->postmeta as $m ) {
						add_post_meta( $id, wp_slash( (string) $m->meta_key ), wp_slash_strings_only( $unserialize( (string) $m->meta_value ) ) );
					}
				}
			}
			return array( "created" => $created, "existed" => $existed );',
			$files
		);
	}

	public function test_an_import_after_the_wordpress_importer_makes_no_second_post(): void {
		$seeds  = self::seeds_copy( 'convert-trip' );
		$corpus = self::generated( 'convert-trip-corpus', 424242, 25 );
		$out    = self::files_dir( 'convert-trip-out' );
		$result = self::convert( array( $seeds, $corpus, "--dir=$out", '--status=publish' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$loaded = $this->load_as_the_wordpress_importer( $this->wxr_files( $out ) );
		$this->assertSame( array( 'created' => 30, 'existed' => 0 ), $loaded );
		$this->assertSame( 30, self::anp_post_count() );
		$this->assertSame( 0, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), 'the stock importer leaves the ledger alone' );

		// A dry run, which adopts nothing, says what the run will do.
		list( $result, $dry ) = $this->import_json( array( $seeds, $corpus ), array( '--status=publish', '--dry-run' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 30, 'failed' => 0 ), self::totals( $dry ), 'the dry run' );
		$this->assertSame( 0, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), 'a dry run writes no ledger row' );

		$report = $this->import_ok( array( $seeds, $corpus ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 30, 'failed' => 0 ), self::totals( $report ) );
		$this->assertSame( 30, self::anp_post_count(), 'no second post' );
		$this->assertSame( 30, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), 'every post in the ledger' );

		// A changed file updates the post the WordPress Importer made.
		$file = self::files_in( $corpus )[3];
		$post = self::posts_with_hash( hash_file( 'sha256', $file ) );
		$this->assertCount( 1, $post );
		file_put_contents( $file, preg_replace( '/\n/', " (changed)\n", file_get_contents( $file ), 1 ) );
		$report = $this->import_ok( array( $seeds, $corpus ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 1, 'skipped' => 29, 'failed' => 0 ), self::totals( $report ) );
		$this->assertSame( 30, self::anp_post_count(), 'still no second post' );
		$this->assertSame( $post, self::posts_with_hash( hash_file( 'sha256', $file ) ), 'that post, updated' );
	}

	/**
	 * `bin/anp --path=<site> convert` (the site's settings as defaults, as
	 * `wp anp convert`) writes what `bin/anp convert` with no WordPress
	 * writes for the same flags, but for the run's time.
	 */
	/**
	 * A host's bare PHP has neither mbstring nor XMLWriter: with the anp
	 * extension, convert needs neither (WordPress itself lowercases slugs
	 * only when mbstring is there), and writes the same files.
	 */
	public function test_convert_runs_on_a_bare_php_with_the_extension_alone(): void {
		$dir  = self::seeds_copy( 'convert-bare' );
		$full = self::convert( array( $dir, '--stdout' ) );
		$bare = self::convert( array( $dir, '--stdout' ), true, array() );
		$this->assertSame( 0, $full['exit'], self::describe( $full ) );
		$this->assertSame( 0, $bare['exit'], self::describe( $bare ) );
		$timeless = static fn( string $xml ): string => (string) preg_replace( array( '/created="[^"]*"/', '#<pubDate>[^<]*</pubDate>#', '#<wp:post_(date|modified)(_gmt)?><!\[CDATA\[[^\]]*\]\]>#' ), '', $xml );
		$this->assertSame( $timeless( $full['stdout'] ), $timeless( $bare['stdout'] ) );

		// An error, with a name that is not UTF-8, is printed, not a fatal error.
		$failed = self::convert( array( $dir, "--dir=$dir/no-such-folder-\xE9" ), true, array() );
		$this->assertSame( 1, $failed['exit'], self::describe( $failed ) );
		$this->assertStringStartsWith( 'Error: --dir: ', $failed['stderr'] );
		$this->assertStringContainsString( 'no-such-folder-?', $failed['stderr'] );
	}

	public function test_with_a_site_and_without_the_files_are_the_same(): void {
		$dir   = self::seeds_copy( 'convert-same' );
		$plain = self::files_dir( 'convert-same-plain' );
		$site  = self::files_dir( 'convert-same-site' );
		$flags = array( '--status=private', '--author=admin', '--taxonomy-map={"post_tag":"tools","anp_stack":"stack"}' );
		$a     = self::convert( array_merge( array( $dir, "--dir=$plain" ), $flags ) );
		$b     = self::anp( array_merge( array( 'convert', $dir, "--dir=$site" ), $flags ) );
		$this->assertSame( 0, $a['exit'], self::describe( $a ) );
		$this->assertSame( 0, $b['exit'], self::describe( $b ) );
		$timeless = static fn( string $xml ): string => (string) preg_replace( array( '/created="[^"]*"/', '#<pubDate>[^<]*</pubDate>#', '#<wp:post_modified(_gmt)?><!\[CDATA\[[^\]]*\]\]>#' ), '', $xml );
		$a_files  = $this->wxr_files( $plain );
		$b_files  = $this->wxr_files( $site );
		$this->assertSame( array_map( 'basename', $a_files ), array_map( 'basename', $b_files ) );
		foreach ( $a_files as $i => $file ) {
			$this->assertSame( $timeless( file_get_contents( $file ) ), $timeless( file_get_contents( $b_files[ $i ] ) ) );
		}
	}

	public function test_flags_a_file_for_another_site_cannot_take_are_refused(): void {
		$dir = self::seeds_copy( 'convert-refused' );
		$out = self::files_dir( 'convert-refused-out' );
		foreach ( array(
			'--images=media'   => 'media library',
			'--status=future'  => '--status',
			'--stdout'         => 'no --dir',
			'--max_file_size=x' => '--max_file_size',
		) as $flag => $said ) {
			$args   = '--stdout' === $flag ? array( $dir, '--stdout', "--dir=$out" ) : array( $dir, "--dir=$out", $flag );
			$result = self::convert( $args );
			$this->assertSame( 1, $result['exit'], self::describe( $result ) );
			$this->assertStringContainsString( $said, $result['stderr'], $flag );
		}
		$this->assertSame( array(), glob( "$out/*" ), 'nothing written' );
	}

	/*
	 * The pure ports, against WordPress's own functions.
	 */

	public function test_slugs_and_stored_meta_are_wordpress_s(): void {
		$names = array( 'Fish & Chips <3', 'C++', 'C#', 'Node.js', 'A/B testing', '  spaced   out  ', 'Ünïcödé straße', 'Œuvre Æsir', 'naïve café', 'Добрый день', '日本語', "tab\there", '50% off', '%41 octet', 'x × y', '«quoted»', 'em — dash', 'dots...and', '&amp; entity', '<b>bold</b>' );
		foreach ( self::files_in( self::generated( 'convert-names', 7, 60 ) ) as $file ) {
			$parsed  = anp_parse_file( $file );
			$names[] = $parsed['title'];
			foreach ( array( 'tools', 'stack' ) as $key ) {
				foreach ( (array) ( $parsed['meta'][ $key ] ?? array() ) as $name ) {
					if ( is_string( $name ) ) {
						$names[] = $name;
					}
				}
			}
		}
		$values = array( true, false, null, 0, 7, 2.5, -0.1, '', 'plain', 'a:1:{i:0;s:1:"x";}', ' s:1:"x"; ', 'i:5;', 'b:1;', 'N;', array(), array( 'a' => array( 1, true, null ) ), 'd:0.5;x' );
		$result = $this->wordpress(
			'$out = array( "slugs" => array(), "meta" => array() );
			foreach ( $input["names"] as $name ) { $out["slugs"][] = array( sanitize_title( $name ), Anp_Slug::of( $name ) ); }
			foreach ( unserialize( base64_decode( $input["values"] ) ) as $value ) { $out["meta"][] = array( base64_encode( (string) maybe_serialize( $value ) ), base64_encode( Anp_Stored_Meta::value( $value ) ) ); }
			return $out;',
			array(
				'names'  => $names,
				'values' => base64_encode( serialize( $values ) ),
			)
		);
		$this->assertGreaterThan( 60, count( $result['slugs'] ) );
		foreach ( $result['slugs'] as $i => list( $wordpress, $ours ) ) {
			$this->assertSame( $wordpress, $ours, 'the slug of "' . $names[ $i ] . '"' );
		}
		foreach ( $result['meta'] as $i => list( $wordpress, $ours ) ) {
			$this->assertSame( base64_decode( $wordpress ), base64_decode( $ours ), 'the stored value of ' . var_export( $values[ $i ], true ) );
		}
	}
}

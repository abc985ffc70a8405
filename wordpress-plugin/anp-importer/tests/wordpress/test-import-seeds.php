<?php
/**
 * An import's posts, field by field, meta by meta and term by term.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Checks docs/wordpress.md §1–4 on what lands in the database.
 */
final class Test_Anp_Import_Seeds extends Anp_WP_Test_Case {

	/** Block types of the parser to block names of the editor. */
	const BLOCK_NAMES = array(
		'paragraph' => 'core/paragraph',
		'heading'   => 'core/heading',
		'list'      => 'core/list',
		'code'      => 'core/code',
		'image'     => 'core/image',
	);

	public function test_the_five_seeds_land_as_the_spec_maps_them(): void {
		$report = $this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ) );
		$this->assertFalse( $report['resumed'] );
		$this->assertFalse( $report['dry_run'] );
		$this->assert_posts_are_the_files( self::seed_files(), $report['batch'] );
	}

	/**
	 * Generated files have what the seeds lack: titles with accents and
	 * emoji, posts that need a human review, other stacks and languages.
	 */
	public function test_sixty_generated_files_land_as_the_spec_maps_them(): void {
		$dir    = self::generated( 'mapping', 4242, 60 );
		$report = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 60, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ) );
		$this->assert_posts_are_the_files( self::files_in( $dir ), $report['batch'] );
	}

	/**
	 * "post_name: slug of title; WordPress makes it unique" (§1), and a post
	 * that needs a human review is pending, never published.
	 */
	public function test_published_posts_get_unique_slugs(): void {
		// Three posts with one title (other references), imported together.
		$dir  = self::seeds_copy( 'slugs' );
		$seed = file_get_contents( self::seed_files()[0] );
		foreach ( array( 'b', 'c' ) as $suffix ) {
			$copy = str_replace( array( 'referenceanp-ref-028071-4798', 'source id: alphanode-028071' ), array( "referenceanp-ref-028071-4798$suffix", "source id: alphanode-028071$suffix" ), $seed );
			file_put_contents( $dir . '/' . basename( self::seed_files()[0], '.txt' ) . "$suffix.txt", $copy );
		}
		$report = $this->import_ok( array( $dir, self::corpus() ), array( '--status=publish' ) );
		$this->assertSame( 2007, $report['created'] );

		$base  = $this->wordpress( 'return sanitize_title( $input );', anp_parse_file( self::seed_files()[0] )['title'] );
		$slugs = array();
		foreach ( array( '', 'b', 'c' ) as $suffix ) {
			$ids = self::posts_with_hash( hash_file( 'sha256', $dir . '/' . basename( self::seed_files()[0], '.txt' ) . "$suffix.txt" ) );
			$this->assertCount( 1, $ids );
			$slugs[] = self::value( 'SELECT post_name FROM wp_posts WHERE ID = ?', array( $ids[0] ) );
		}
		$this->assertSame( array( $base, "$base-2", "$base-3" ), $slugs, 'one title, three posts' );

		$duplicates = self::rows( "SELECT post_name, COUNT(*) AS posts FROM wp_posts WHERE post_status = 'publish' AND post_type = 'post' GROUP BY post_name HAVING COUNT(*) > 1 ORDER BY post_name" );
		$this->assertSame( array(), array_map( static fn( $r ) => $r['post_name'] . ' × ' . $r['posts'], $duplicates ), 'slugs shared by published posts' );

		$review = 0;
		foreach ( self::files_in( self::corpus() ) as $file ) {
			if ( true === ( anp_parse_file( $file )['meta']['flags']['needs_human_review'] ?? null ) ) {
				++$review;
				$id = self::posts_with_hash( hash_file( 'sha256', $file ) )[0];
				$this->assertSame( 'pending', self::value( 'SELECT post_status FROM wp_posts WHERE ID = ?', array( $id ) ), basename( $file ) . ' needs a human review' );
			}
		}
		$this->assertGreaterThan( 0, $review );
		$this->assertSame( (string) ( 2007 - $review ), self::value( "SELECT COUNT(*) FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_source' WHERE p.post_status = 'publish'" ) );
		$this->assert_term_counts_right();
	}

	/**
	 * Each file is one post, as the spec maps it.
	 *
	 * @param string[] $files The files imported.
	 * @param string   $batch The batch id the import printed.
	 */
	private function assert_posts_are_the_files( array $files, string $batch ): void {
		$admin = self::admin_id();
		$this->assertGreaterThan( 0, $admin );
		$this->assertSame( count( $files ), self::anp_post_count(), 'one post per file, no more' );

		$expected = array();
		foreach ( $files as $file ) {
			$parsed = anp_parse_file( $file );
			$hash   = hash_file( 'sha256', $file );
			$ids    = self::posts_with_hash( $hash );
			$this->assertCount( 1, $ids, "one post for $file" );
			$expected[ $ids[0] ] = array( $file, $parsed, $hash );
		}

		// What WordPress itself reads back: parse_blocks() of the content,
		// get_post_meta(), and the slug sanitize_title() makes of the title.
		$read = $this->wordpress(
			'$out = array();
			foreach ( $input as $id => $title ) {
				$post = get_post( $id );
				$out[ $id ] = array(
					"blocks" => parse_blocks( $post->post_content ),
					"meta"   => array_map( static fn( $v ) => get_post_meta( $id, $v, true ), array_combine( $keys = array_keys( get_post_meta( $id ) ), $keys ) ),
					"slug"   => sanitize_title( $title ),
				);
			}
			return $out;',
			array_map( static fn( $e ) => $e[1]['title'], $expected )
		);

		$term_names = array();
		foreach ( $expected as $id => list( $file, $parsed, $hash ) ) {
			$name = basename( $file );
			$meta = $parsed['meta'];
			$row  = self::rows( 'SELECT * FROM wp_posts WHERE ID = ?', array( $id ) )[0];

			// §1 Post fields.
			$this->assertSame( $parsed['title'], $row['post_title'], "$name: post_title" );
			$this->assertSame( $meta['summary'] ?? '', $row['post_excerpt'], "$name: post_excerpt = meta.summary" );
			$review = true === ( $meta['flags']['needs_human_review'] ?? null );
			$this->assertSame( $review ? 'pending' : 'draft', $row['post_status'], "$name: post_status" );
			$this->assertSame( 'post', $row['post_type'], "$name: post_type" );
			$this->assertSame( (string) $admin, $row['post_author'], "$name: post_author = the importing user" );
			$this->assertMatchesRegularExpression( '/^\d{4}-\d{2}-\d{2}$/', $meta['revision']['last_reviewed'], "$name: the fixture has a date" );
			$this->assertSame( $meta['revision']['last_reviewed'] . ' 00:00:00', $row['post_date'], "$name: post_date = revision.last_reviewed" );
			$this->assertNotSame( '', $read[ $id ]['slug'] );
			$this->assertSame( $read[ $id ]['slug'], $row['post_name'], "$name: post_name = sanitize_title( title )" );

			// §2 Content.
			$this->assert_content_is_the_blocks( $parsed['blocks'], $read[ $id ]['blocks'], $name );

			// §4 Meta: every field under anp_<key>, and the plugin's own three.
			$rows          = self::post_meta( $id );
			$expected_keys = array_merge( array_map( static fn( $k ) => 'anp_' . $k, array_keys( $meta ) ), array( '_anp_content_hash', '_anp_import_batch', '_anp_source' ) );
			$anp_keys      = array_values( array_filter( array_keys( $rows ), static fn( $k ) => str_starts_with( $k, 'anp_' ) || str_starts_with( $k, '_anp_' ) ) );
			sort( $expected_keys );
			sort( $anp_keys );
			$this->assertSame( $expected_keys, $anp_keys, "$name: meta keys" );
			foreach ( $meta as $key => $value ) {
				$this->assertCount( 1, $rows[ 'anp_' . $key ], "$name: one row for anp_$key" );
				$stored = $rows[ 'anp_' . $key ][0];
				$got    = $read[ $id ]['meta'][ 'anp_' . $key ];
				if ( is_array( $value ) ) {
					$this->assertSame( $value, unserialize( $stored, array( 'allowed_classes' => false ) ), "$name: anp_$key (the serialized row)" ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize
					$this->assertSame( $value, $got, "$name: get_post_meta( anp_$key )" );
				} else {
					// A scalar is a string in post meta: 6 comes back as "6".
					$this->assertSame( (string) $value, $stored, "$name: anp_$key" );
					$this->assertSame( (string) $value, $got, "$name: get_post_meta( anp_$key )" );
				}
			}
			$this->assertSame( array( $hash ), $rows['_anp_content_hash'], "$name: _anp_content_hash = sha256 of the file" );
			$this->assertSame( array( $batch ), $rows['_anp_import_batch'], "$name: _anp_import_batch = the batch printed" );
			$this->assertSame( array( $name ), $rows['_anp_source'], "$name: _anp_source = the file name" );

			// §3 Terms.
			$want = self::spec_terms( $meta );
			$this->assertSame( $want, self::post_terms( $id ), "$name: terms" );
			foreach ( $want as $taxonomy => $names ) {
				foreach ( $names as $term ) {
					$term_names[ $taxonomy ][ $term ] = true;
				}
			}
		}

		// Terms are made once and shared: one term per name in each taxonomy.
		foreach ( self::TAXONOMIES as $taxonomy ) {
			$names = array_column( self::rows( 'SELECT t.name FROM wp_terms t JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id WHERE tt.taxonomy = ? ORDER BY t.name', array( $taxonomy ) ), 'name' );
			$want  = array_keys( $term_names[ $taxonomy ] ?? array() );
			if ( 'category' === $taxonomy ) {
				$want[] = 'Uncategorized';
			}
			$want = array_values( array_unique( $want ) );
			sort( $want, SORT_STRING );
			sort( $names, SORT_STRING );
			$this->assertSame( $want, $names, "the terms of $taxonomy, each once" );
		}
		$this->assert_term_counts_right();
		$this->assert_no_orphans();

		// The ledger knows each post by the identity of §5.
		foreach ( $expected as $id => list( $file, $parsed, $hash ) ) {
			$this->assertSame( (string) $id, self::value( 'SELECT post_id FROM wp_anp_items WHERE identity = ?', array( self::spec_identity( $parsed['meta'], $hash ) ) ), basename( $file ) . ': the ledger' );
		}
	}

	/**
	 * parse_blocks() reads back the parsed blocks, in order, with nothing
	 * but white space between them.
	 *
	 * @param array  $parsed The parser's blocks.
	 * @param array  $read   parse_blocks() of the post's content.
	 * @param string $name   The file.
	 */
	private function assert_content_is_the_blocks( array $parsed, array $read, string $name ): void {
		$blocks = array();
		foreach ( $read as $block ) {
			if ( null === $block['blockName'] ) {
				$this->assertSame( '', trim( $block['innerHTML'] ), "$name: freeform content between blocks" );
				continue;
			}
			$blocks[] = $block;
		}
		$this->assertSame( array_map( static fn( $b ) => self::BLOCK_NAMES[ $b['type'] ], $parsed ), array_column( $blocks, 'blockName' ), "$name: the blocks, in order" );
		foreach ( $parsed as $i => $block ) {
			$html = trim( $blocks[ $i ]['innerHTML'] );
			$text = static fn( string $h ): string => html_entity_decode( strip_tags( $h ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
			$at   = "$name: block $i ({$block['type']})";
			switch ( $block['type'] ) {
				case 'paragraph':
					$this->assertMatchesRegularExpression( '#^<p>.*</p>$#s', $html, $at );
					$this->assertSame( $block['text'], $text( $html ), $at );
					break;
				case 'heading':
					$this->assertMatchesRegularExpression( '#^<h2>.*</h2>$#s', $html, $at );
					$this->assertSame( $block['text'], $text( $html ), $at );
					break;
				case 'list':
					$this->assertSame( array_fill( 0, count( $block['items'] ), 'core/list-item' ), array_column( $blocks[ $i ]['innerBlocks'], 'blockName' ), $at );
					$items = array_map( static fn( $b ) => $text( trim( $b['innerHTML'] ) ), $blocks[ $i ]['innerBlocks'] );
					$this->assertSame( $block['items'], $items, $at );
					break;
				case 'code':
					$class = null === $block['language'] ? 'wp-block-code' : 'wp-block-code language-' . $block['language'];
					$this->assertStringStartsWith( '<pre class="' . $class . '"><code>', $html, $at );
					$this->assertSame( null === $block['language'] ? array() : array( 'className' => 'language-' . $block['language'] ), $blocks[ $i ]['attrs'], $at );
					$this->assertSame( $block['text'], $text( $html ), $at );
					break;
				case 'image':
					$this->assertStringStartsWith( '<figure class="wp-block-image">', $html, $at );
					if ( null !== $block['url'] ) {
						$this->assertStringContainsString( ' src="' . htmlspecialchars( $block['url'], ENT_QUOTES ) . '"', $html, $at );
					}
					$this->assertStringContainsString( ' alt="' . htmlspecialchars( $block['alt'], ENT_QUOTES ) . '"', $html, $at );
					$this->assertStringContainsString( '<figcaption class="wp-element-caption">' . htmlspecialchars( $block['alt'], ENT_QUOTES ) . '</figcaption>', $html, $at );
					break;
			}
		}
	}
}

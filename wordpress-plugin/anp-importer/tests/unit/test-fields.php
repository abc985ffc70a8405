<?php
/**
 * The table of meta fields, against the format and the samples.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Anp_Fields says what the REST API announces and what the front-end box
 * shows; these tests hold it to docs/format.md §4–5 and to what the parser
 * really returns, so that a value never breaks its own schema.
 */
final class Test_Anp_Fields extends TestCase {

	/**
	 * The known keys of docs/format.md §4, as the file writes them.
	 */
	const FORMAT_KEYS = array(
		// Scalars.
		'topic',
		'summary',
		'ai brief',
		'code language',
		'difficulty',
		'reading time',
		'view count',
		'reference',
		'hash',
		// Lists, maps and lists of objects.
		'ai outline',
		'stack',
		'tools',
		'checklist',
		'notes',
		'score',
		'revision',
		'flags',
		'entities',
		'image sources',
		'payload',
	);

	/**
	 * The parsed samples, file name => result.
	 */
	private static function samples(): array {
		$parsed = array();
		foreach ( glob( ANP_TESTS_SEEDS . '/*.txt' ) as $file ) {
			$parsed[ basename( $file ) ] = Anp_Parser::parse( file_get_contents( $file ) );
		}
		return $parsed;
	}

	/**
	 * Where a value breaks a schema, or null when it fits. Knows the little
	 * of JSON schema the table uses: type (one or a list), items and
	 * additionalProperties.
	 *
	 * @param mixed  $value  A parsed value.
	 * @param array  $schema A schema of the table.
	 * @param string $path   Where the value is, for the message.
	 */
	private static function misfit( $value, array $schema, string $path ): ?string {
		foreach ( (array) $schema['type'] as $type ) {
			$fits = match ( $type ) {
				'string'  => is_string( $value ),
				'integer' => is_int( $value ),
				'boolean' => is_bool( $value ),
				// A list is a JSON array; a map a JSON object (an empty one is both).
				'array'   => is_array( $value ) && array_is_list( $value ),
				'object'  => is_array( $value ) && ( array() === $value || ! array_is_list( $value ) ),
			};
			if ( ! $fits ) {
				continue;
			}
			$inner = $schema['items'] ?? $schema['additionalProperties'] ?? null;
			if ( null !== $inner && is_array( $value ) ) {
				foreach ( $value as $key => $item ) {
					$misfit = self::misfit( $item, $inner, $path . '.' . $key );
					if ( null !== $misfit ) {
						return $misfit;
					}
				}
			}
			return null;
		}
		return $path . ' is ' . var_export( $value, true ) . ', not ' . implode( '|', (array) $schema['type'] );
	}

	/**
	 * Every value of a parsed meta fits its field's schema.
	 *
	 * @param array  $meta  A parse's meta.
	 * @param string $where What the meta came from, for the message.
	 */
	private function assert_fits( array $meta, string $where ): void {
		$fields = Anp_Fields::all();
		foreach ( $meta as $key => $value ) {
			$this->assertArrayHasKey( $key, $fields, "$where: field $key is in the table" );
			$this->assertNull( self::misfit( $value, $fields[ $key ]->schema, "$where: $key" ) );
		}
	}

	public function test_the_table_has_every_known_key_of_the_format_and_no_other(): void {
		// docs/format.md §4: lower-cased, runs of spaces or "-" turned into "_".
		$normalized = array_map( static fn( string $key ): string => preg_replace( '/[ -]+/', '_', strtolower( $key ) ), self::FORMAT_KEYS );
		$table      = array_keys( Anp_Fields::all() );
		sort( $normalized );
		sort( $table );
		$this->assertSame( $normalized, $table );
	}

	public function test_every_field_of_the_samples_is_in_the_table_and_fits_its_schema(): void {
		$seen = array();
		foreach ( self::samples() as $name => $parsed ) {
			$this->assertSame( array(), $parsed['warnings'], "$name parses cleanly" );
			$this->assert_fits( $parsed['meta'], $name );
			$seen += $parsed['meta'];
		}
		// The samples have every field: none of the table is left untried.
		$this->assertEqualsCanonicalizing( array_keys( Anp_Fields::all() ), array_keys( $seen ) );
	}

	public function test_values_the_format_could_not_read_still_fit_their_schema(): void {
		$files = glob( ANP_TESTS_SEEDS . '/000_*.txt' );
		$text  = file_get_contents( $files[0] );
		$bad   = array(
			"\nreading time6\n"               => "\nreading timesix\n",
			"\nview count271624\n"            => "\nview count99999999999999999999\n",
			"  • quality: 76\n"               => "  • quality: high\n",
			"  • last reviewed: 2017-06-11\n" => "  • last reviewed: 2017-02-30\n",
			"  • has images: 1\n"             => "  • has images: maybe\n",
			"  • seed: 28071\n"               => "  • seed: 28k\n",
		);
		foreach ( $bad as $from => $to ) {
			$this->assertStringContainsString( $from, $text, 'the sample has the line to change' );
		}
		// One after the other: neighbouring lines share their "\n".
		$parsed = Anp_Parser::parse( str_replace( array_keys( $bad ), array_values( $bad ), $text ) );
		$codes  = array_column( $parsed['warnings'], 'code' );
		$this->assertSame( array( 'bad_int', 'bad_int', 'bad_int', 'bad_date', 'bad_bool', 'bad_int' ), $codes, 'each change made a warning' );
		$this->assertSame( 'six', $parsed['meta']['reading_time'] );
		$this->assertSame( '99999999999999999999', $parsed['meta']['view_count'], 'too big for an integer' );
		$this->assertSame( 'maybe', $parsed['meta']['flags']['has_images'] );
		$this->assert_fits( $parsed['meta'], 'bad values' );
	}

	public function test_each_field_registers_its_schema_first_type_under_its_meta_key(): void {
		foreach ( Anp_Fields::all() as $key => $field ) {
			$this->assertSame( $key, $field->key );
			$this->assertSame( 'anp_' . $key, $field->meta_key );
			$this->assertSame( ( (array) $field->schema['type'] )[0], $field->type );
			// The types register_meta() accepts.
			$this->assertContains( $field->type, array( 'string', 'boolean', 'integer', 'number', 'array', 'object' ), $key );
			$this->assertNotSame( '', $field->label, $key );
		}
		$this->assertSame( array( 'type' => array( 'integer', 'string' ) ), Anp_Fields::all()['reading_time']->schema );
		$this->assertSame( 'integer', Anp_Fields::all()['reading_time']->type );
	}

	public function test_the_box_shows_six_fields_in_their_order(): void {
		$labels = array();
		foreach ( Anp_Fields::in_box() as $field ) {
			$labels[ $field->meta_key ] = $field->label;
		}
		$this->assertSame(
			array(
				'anp_difficulty'   => 'Difficulty',
				'anp_reading_time' => 'Reading time',
				'anp_stack'        => 'Stack',
				'anp_tools'        => 'Tools',
				'anp_checklist'    => 'Checklist',
				'anp_score'        => 'Score',
			),
			$labels
		);
	}

	public function test_the_mapper_stores_every_field_under_its_meta_key(): void {
		$mapper = new Anp_Mapper( Anp_Settings::validate( array() ) );
		foreach ( self::samples() as $name => $parsed ) {
			$expected = array();
			foreach ( $parsed['meta'] as $key => $value ) {
				$expected[ Anp_Fields::all()[ $key ]->meta_key ] = $value;
			}
			$this->assertSame( $expected, $mapper->map( $parsed, 1, '' )['meta'], $name );
		}
		// A field the format does not know is kept, under the same rule.
		$this->assertSame( array( 'anp_mood' => 'calm' ), $mapper->meta( array( 'mood' => 'calm' ) ) );
	}

	public function test_which_keys_belong_to_an_import(): void {
		$keys = array(
			// Key => is an import key, is kept for a rollback.
			'anp_reading_time'  => array( true, true ),
			'anp_mood'          => array( true, true ),
			'_anp_content_hash' => array( true, true ),
			'_anp_import_batch' => array( true, true ),
			'_anp_source'       => array( true, true ),
			'_anp_source_url'   => array( true, true ),
			'_thumbnail_id'     => array( false, true ),
			'_edit_lock'        => array( false, false ),
			'xanp_topic'        => array( false, false ),
			'ANP_topic'         => array( false, false ),
			''                  => array( false, false ),
		);
		foreach ( $keys as $key => $expected ) {
			$this->assertSame( $expected, array( Anp_Meta_Keys::is_import_key( $key ), Anp_Meta_Keys::is_kept_for_rollback( $key ) ), $key );
		}
		foreach ( Anp_Fields::all() as $field ) {
			$this->assertTrue( Anp_Meta_Keys::is_import_key( $field->meta_key ), $field->meta_key );
		}
		$this->assertSame( array( '_anp_content_hash', '_anp_import_batch', '_anp_source' ), Anp_Meta_Keys::BOOKKEEPING );
		$this->assertSame( 'anp_reading_time', Anp_Meta_Keys::field( 'reading_time' ) );
	}
}

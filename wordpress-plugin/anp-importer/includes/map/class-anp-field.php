<?php
/**
 * One meta field of the format, as the site registers and shows it.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * A row of Anp_Fields: what a field is called, what its values may be and
 * how a reader sees it. Read-only: the table decides it once.
 */
final class Anp_Field {

	/**
	 * The field's normalized key in a parse result ("reading_time").
	 *
	 * @var string
	 */
	public readonly string $key;

	/**
	 * The post meta key it is stored under ("anp_reading_time").
	 *
	 * @var string
	 */
	public readonly string $meta_key;

	/**
	 * The JSON schema of its values, as the REST API shows it.
	 *
	 * @var array
	 */
	public readonly array $schema;

	/**
	 * The one type register_meta() takes: the schema's first.
	 *
	 * @var string
	 */
	public readonly string $type;

	/**
	 * What a reader calls it, in English; the site translates it.
	 *
	 * @var string
	 */
	public readonly string $label;

	/**
	 * Whether the front-end meta box shows it.
	 *
	 * @var bool
	 */
	public readonly bool $in_box;

	/**
	 * @param string $key    The normalized key.
	 * @param array  $schema The JSON schema of its values.
	 * @param string $label  The English label.
	 * @param bool   $in_box Whether the front-end box shows it.
	 */
	public function __construct( string $key, array $schema, string $label, bool $in_box ) {
		$this->key      = $key;
		$this->meta_key = Anp_Meta_Keys::field( $key );
		$this->schema   = $schema;
		// A value that the format could not read as its type is kept as a
		// string, so some schemas allow two types; the first is the real one.
		$this->type   = is_array( $schema['type'] ) ? $schema['type'][0] : $schema['type'];
		$this->label  = $label;
		$this->in_box = $in_box;
	}
}

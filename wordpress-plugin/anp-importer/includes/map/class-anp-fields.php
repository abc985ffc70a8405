<?php
/**
 * The meta fields of the format: one table.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Every known field of docs/format.md §4 with the schema of the values a
 * parse gives it (§5), its label and whether the front-end box shows it.
 * The post meta registration and the meta box both read it, so that what
 * the REST API announces and what a visitor sees cannot drift apart.
 */
final class Anp_Fields {

	private const STRING = array( 'type' => 'string' );

	// An integer or a boolean that the format could not read as one is kept
	// as the string it was, with a warning (bad_int, bad_bool).
	private const INTEGER_OR_STRING = array( 'type' => array( 'integer', 'string' ) );
	private const BOOLEAN_OR_STRING = array( 'type' => array( 'boolean', 'string' ) );

	private const STRINGS = array(
		'type'  => 'array',
		'items' => self::STRING,
	);

	private const STRING_MAP = array(
		'type'                 => 'object',
		'additionalProperties' => self::STRING,
	);

	private const INTEGER_MAP = array(
		'type'                 => 'object',
		'additionalProperties' => self::INTEGER_OR_STRING,
	);

	private const BOOLEAN_MAP = array(
		'type'                 => 'object',
		'additionalProperties' => self::BOOLEAN_OR_STRING,
	);

	private const OBJECT_LIST = array(
		'type'  => 'array',
		'items' => self::STRING_MAP,
	);

	/**
	 * Key => schema, label, and whether the front-end box shows it. The order
	 * is the order of registration, hence of the REST API's schema; the box
	 * shows its fields in this order too.
	 */
	private const TABLE = array(
		'topic'         => array( self::STRING, 'Topic', false ),
		'summary'       => array( self::STRING, 'Summary', false ),
		'ai_brief'      => array( self::STRING, 'AI brief', false ),
		'code_language' => array( self::STRING, 'Code language', false ),
		'difficulty'    => array( self::STRING, 'Difficulty', true ),
		'reference'     => array( self::STRING, 'Reference', false ),
		'hash'          => array( self::STRING, 'Hash', false ),
		'reading_time'  => array( self::INTEGER_OR_STRING, 'Reading time', true ),
		'view_count'    => array( self::INTEGER_OR_STRING, 'View count', false ),
		'ai_outline'    => array( self::STRING_MAP, 'AI outline', false ),
		'stack'         => array( self::STRINGS, 'Stack', true ),
		'tools'         => array( self::STRINGS, 'Tools', true ),
		'checklist'     => array( self::STRINGS, 'Checklist', true ),
		'notes'         => array( self::STRINGS, 'Notes', false ),
		'score'         => array( self::INTEGER_MAP, 'Score', true ),
		'revision'      => array( self::STRING_MAP, 'Revision', false ),
		'flags'         => array( self::BOOLEAN_MAP, 'Flags', false ),
		'entities'      => array( self::OBJECT_LIST, 'Entities', false ),
		'image_sources' => array( self::OBJECT_LIST, 'Image sources', false ),
		// Strings but for paragraphs and seed: one schema for the whole map.
		'payload'       => array( self::INTEGER_MAP, 'Payload', false ),
	);

	/**
	 * Built once, from TABLE.
	 *
	 * @var Anp_Field[]|null
	 */
	private static $fields;

	/**
	 * Every known field, key => Anp_Field, in the table's order.
	 *
	 * @return Anp_Field[]
	 */
	public static function all(): array {
		if ( null === self::$fields ) {
			self::$fields = array();
			foreach ( self::TABLE as $key => list( $schema, $label, $in_box ) ) {
				self::$fields[ $key ] = new Anp_Field( $key, $schema, $label, $in_box );
			}
		}
		return self::$fields;
	}

	/**
	 * The fields the front-end box shows, in its order.
	 *
	 * @return Anp_Field[]
	 */
	public static function in_box(): array {
		return array_filter( self::all(), static fn( Anp_Field $field ): bool => $field->in_box );
	}
}

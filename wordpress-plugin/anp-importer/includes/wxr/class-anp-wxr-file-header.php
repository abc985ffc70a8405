<?php
/**
 * The header of one file of a split export: which authors and terms it
 * holds, and its exact size in bytes before it is written.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * The grammar makes a document's size a sum: the document with the channel
 * alone (every section's whitespace, the <generator> line, the end), plus
 * the bytes of each header record, plus the bytes of each item, wherever
 * each stands. So a record's size is measured once, on a throwaway writer,
 * when its key first comes into the file. Authors are told apart by key,
 * terms by section and term_id, so an ancestor that two terms share is
 * counted once, as the source writes it once.
 */
final class Anp_Wxr_File_Header {

	/** @var Anp_Wxr_Header_Source */
	private $source;

	/** @var callable ( $target, bool $items_only ) → writer. */
	private $writer_factory;

	/** @var int The document with the channel alone, end included. */
	private int $base;

	/** @var int The channel-less document every record is measured against. */
	private int $empty;

	/** @var array Tagged key → author key, in the order met. */
	private array $author_keys = array();

	/** @var array Tagged key → term key, in the order met. */
	private array $term_keys = array();

	/** @var array "section:term_id" → true: the terms the keys bring, ancestors included. */
	private array $terms_in = array();

	/** @var int Bytes of the records of the keys above. */
	private int $records = 0;

	/**
	 * @param Anp_Wxr_Header_Source $source         The authors and terms.
	 * @param array                 $channel        What every file's startChannel() gets.
	 * @param callable              $writer_factory Makes a writer on ( $target, $items_only ).
	 */
	public function __construct( Anp_Wxr_Header_Source $source, array $channel, callable $writer_factory ) {
		$this->source         = $source;
		$this->writer_factory = $writer_factory;
		$this->base           = $this->measure( $channel, array(), true );
		$this->empty          = $this->measure( array(), array(), false );
	}

	/**
	 * What the header would hold and weigh with these keys added, without
	 * adding them: an item is weighed before it is placed.
	 *
	 * @param array $author_keys The item's author keys.
	 * @param array $term_keys   The item's term keys.
	 * @return array A plan for add(): the new keys, terms and bytes.
	 * @throws \Anp\WxrException When a record of the source cannot be written.
	 */
	public function plan( array $author_keys, array $term_keys ): array {
		// Most items bring no key the file lacks: found out without a call per key.
		$new_authors = array();
		foreach ( $author_keys as $key ) {
			// Tagged, so that 5 and "5" stay apart and the source gets its keys back as it gave them.
			$tag = ( is_int( $key ) ? 'i' : 's' ) . $key;
			if ( ! isset( $this->author_keys[ $tag ] ) ) {
				$new_authors[ $tag ] = $key;
			}
		}
		$new_terms = array();
		foreach ( $term_keys as $key ) {
			$tag = ( is_int( $key ) ? 'i' : 's' ) . $key;
			if ( ! isset( $this->term_keys[ $tag ] ) ) {
				$new_terms[ $tag ] = $key;
			}
		}
		$plan = array(
			'authors' => $new_authors,
			'terms'   => $new_terms,
			'in'      => array(),
			'bytes'   => 0,
		);
		foreach ( $new_authors as $key ) {
			foreach ( $this->source->authors( array( $key ) ) as $author ) {
				$plan['bytes'] += $this->record( 'writeAuthor', $author );
			}
		}
		foreach ( $new_terms as $key ) {
			$sections = $this->source->terms( array( $key ) );
			foreach ( array( 'categories' => 'writeCategory', 'tags' => 'writeTag', 'terms' => 'writeTerm' ) as $section => $method ) {
				foreach ( $sections[ $section ] ?? array() as $term ) {
					$id = $section . ':' . (string) ( $term['term_id'] ?? '' );
					if ( isset( $this->terms_in[ $id ] ) || isset( $plan['in'][ $id ] ) ) {
						continue; // An ancestor already counted.
					}
					$plan['in'][ $id ] = true;
					$plan['bytes']    += $this->record( $method, $term );
				}
			}
		}
		return $plan;
	}

	/**
	 * Takes a plan's keys into the header.
	 *
	 * @param array $plan From plan() on this header as it stands.
	 */
	public function add( array $plan ): void {
		$this->author_keys += $plan['authors'];
		$this->term_keys   += $plan['terms'];
		$this->terms_in    += $plan['in'];
		$this->records     += $plan['bytes'];
	}

	/**
	 * The bytes of a document with this header and no items, end included.
	 *
	 * @param array|null $plan A plan to count as if added.
	 */
	public function bytes( ?array $plan = null ): int {
		return $this->base + $this->records + ( $plan['bytes'] ?? 0 );
	}

	/** The author keys, each once, in the order met. */
	public function author_keys(): array {
		return array_values( $this->author_keys );
	}

	/** The term keys, each once, in the order met. */
	public function term_keys(): array {
		return array_values( $this->term_keys );
	}

	/**
	 * Empties the header for the next file.
	 */
	public function clear(): void {
		$this->author_keys = array();
		$this->term_keys   = array();
		$this->terms_in    = array();
		$this->records     = 0;
	}

	/**
	 * The bytes one header record adds to any document.
	 *
	 * @param string $method writeAuthor, writeCategory, writeTag or writeTerm.
	 * @param array  $record Its argument.
	 */
	private function record( string $method, array $record ): int {
		return $this->measure( array(), array( array( $method, $record ) ), false ) - $this->empty;
	}

	/**
	 * The size of a document with no items, written on a throwaway stream.
	 *
	 * @param array $channel The channel.
	 * @param array $calls   Header calls: [method, argument] each.
	 * @param bool  $end     Whether to count the end of the document.
	 */
	private function measure( array $channel, array $calls, bool $end ): int {
		$stream = fopen( 'php://memory', 'w+b' ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		try {
			$writer = ( $this->writer_factory )( $stream, false );
			$writer->startChannel( $channel );
			foreach ( $calls as list( $method, $argument ) ) {
				$writer->$method( $argument );
			}
			$writer->beginItems();
			return $end ? $writer->finish()['bytes'] : $writer->bytes();
		} finally {
			fclose( $stream ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}
	}
}

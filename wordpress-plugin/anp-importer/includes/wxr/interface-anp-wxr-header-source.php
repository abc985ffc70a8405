<?php
/**
 * What Anp_Wxr_Files asks for when it writes the header of a file: the
 * channel, and the authors and terms of just the items in that file.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * The site export and `convert` each have one. Keys are what the source
 * handed Anp_Wxr_Files::add() with an item (user ids, logins,
 * term_taxonomy_ids…); Anp_Wxr_Files never looks inside them.
 */
interface Anp_Wxr_Header_Source {

	/**
	 * The channel array of Anp\WxrWriter::startChannel(). Asked once per
	 * Anp_Wxr_Files, so every file of an export has the same channel.
	 */
	public function channel(): array;

	/**
	 * The author arrays of writeAuthor() for these keys, in the order to write them.
	 *
	 * @param array $keys Author keys, each once.
	 * @return array[]
	 */
	public function authors( array $keys ): array;

	/**
	 * The term arrays for these keys, their ancestors included, parents
	 * before children, each term once.
	 *
	 * @param array $keys Term keys, each once.
	 * @return array{categories: array[], tags: array[], terms: array[]}
	 */
	public function terms( array $keys ): array;
}

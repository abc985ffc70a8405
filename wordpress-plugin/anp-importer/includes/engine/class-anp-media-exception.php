<?php
/**
 * An image that could not be put in the media library.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Says which image, so that the report can point at its line in the file.
 */
final class Anp_Media_Exception extends RuntimeException {

	/** @var string */
	private $url;

	/**
	 * @param string $url    The image's URL.
	 * @param string $reason What went wrong, after the URL.
	 */
	public function __construct( string $url, string $reason ) {
		parent::__construct( '' === $url ? 'an image ' . $reason : 'image ' . $url . ' ' . $reason );
		$this->url = $url;
	}

	public function get_url(): string {
		return $this->url;
	}
}

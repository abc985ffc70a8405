<?php
/**
 * Downloading an image named by a file, and nothing else.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * One image's bytes from the web, for images=media, under limits: the URL a
 * file names is the file's author's choice, not the site's, so it may point
 * at the cloud's metadata service (169.254.169.254), at the carrier's or
 * the office's network (100.64.0.0/10, 10/8, …), or at a server that never
 * stops sending.
 *
 * - Only public addresses are asked: every address the host resolves to
 *   (A and AAAA) is checked before the request, for the URL and for each
 *   redirect, which is followed here, not by the HTTP API. The site's own
 *   host is allowed, as wp_http_validate_url() allows it.
 * - Limits (docs/wordpress-decisions.md; the anp_image_download_limits
 *   filter changes them): bytes per image, seconds per image, seconds for
 *   all the images of one file, images per file, redirects per image.
 * - What went wrong is said in the plugin's words: nothing the server sent
 *   (body, reason phrase, error text) reaches the report.
 */
final class Anp_Image_Download {

	/** The limits, unless the anp_image_download_limits filter says otherwise. */
	const LIMITS = array(
		'bytes'         => 10485760, // 10 MiB an image.
		'seconds'       => 10,       // An image, from the first byte sent to the last received.
		'file_seconds'  => 30,       // All the images of one file.
		'images'        => 20,       // Images downloaded for one file.
		'redirects'     => 3,        // Per image.
	);

	/** IPv4 ranges never asked: private, shared, loopback, link-local, reserved, documentation, multicast. */
	const BLOCKED_V4 = array(
		'0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
		'192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
		'198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
	);

	/** @var array The limits in force. */
	private $limits;

	/** @var float When the current file's downloads must be over (microtime). */
	private $file_deadline = 0.0;

	/** @var float When the current image's download must be over (microtime). */
	private $deadline = 0.0;

	public function __construct() {
		/**
		 * Filters the limits of image downloads (images=media).
		 *
		 * @param array $limits bytes, seconds, file_seconds, images, redirects.
		 */
		$this->limits = array_map( 'intval', (array) apply_filters( 'anp_image_download_limits', self::LIMITS ) + self::LIMITS );
	}

	/**
	 * @return array bytes, seconds, file_seconds, images, redirects.
	 */
	public function limits(): array {
		return $this->limits;
	}

	/**
	 * Starts the clock of one file's downloads.
	 */
	public function start_file(): void {
		$this->file_deadline = microtime( true ) + $this->limits['file_seconds'];
	}

	/**
	 * Downloads an image into a temporary file.
	 *
	 * @param string $url An http(s) URL.
	 * @return string The temporary file; the caller deletes it.
	 * @throws Anp_Media_Exception When it is not allowed or cannot be had.
	 */
	public function download( string $url ): string {
		require_once ABSPATH . 'wp-admin/includes/file.php';
		$tmp = wp_tempnam( 'anp-image' );
		if ( ! $tmp ) {
			throw new Anp_Media_Exception( $url, 'could not be downloaded: no temporary file' );
		}
		try {
			$this->fetch( $url, $tmp );
		} catch ( Anp_Media_Exception $e ) {
			wp_delete_file( $tmp );
			throw $e;
		}
		return $tmp;
	}

	/**
	 * @throws Anp_Media_Exception When it is not allowed or cannot be had.
	 */
	private function fetch( string $url, string $tmp ): void {
		$this->deadline = min( microtime( true ) + $this->limits['seconds'], $this->file_deadline ?: PHP_FLOAT_MAX );
		$progress       = array( $this, 'on_progress' );
		add_action( 'requests-request.progress', $progress, 10, 3 );
		try {
			$next = $url;
			for ( $hops = 0; ; $hops++ ) {
				$this->check_url( $url, $next );
				$seconds = $this->deadline - microtime( true );
				if ( $seconds <= 0 ) {
					throw new Anp_Media_Exception( $url, sprintf( 'could not be downloaded: it took longer than %d seconds', $this->limits['seconds'] ) );
				}
				$response = wp_safe_remote_get(
					$next,
					array(
						'timeout'             => max( 1, (int) ceil( $seconds ) ),
						'redirection'         => 0,
						'stream'              => true,
						'filename'            => $tmp,
						'limit_response_size' => $this->limits['bytes'] + 1,
						'decompress'          => false,
					)
				);
				if ( is_wp_error( $response ) ) {
					throw new Anp_Media_Exception( $url, $this->transport_reason( $response ) );
				}
				$code = (int) wp_remote_retrieve_response_code( $response );
				if ( $code >= 300 && $code < 400 && '' !== (string) wp_remote_retrieve_header( $response, 'location' ) ) {
					if ( $hops >= $this->limits['redirects'] ) {
						throw new Anp_Media_Exception( $url, sprintf( 'could not be downloaded: more than %d redirects', $this->limits['redirects'] ) );
					}
					$next = WP_Http::make_absolute_url( (string) wp_remote_retrieve_header( $response, 'location' ), $next );
					continue;
				}
				if ( 200 !== $code ) {
					// WordPress's name of the status, not the server's words.
					$name = get_status_header_desc( $code );
					throw new Anp_Media_Exception( $url, 'could not be downloaded: ' . ( '' === $name ? 'HTTP ' . $code : $name ) );
				}
				clearstatcache( true, $tmp );
				if ( filesize( $tmp ) > $this->limits['bytes'] ) {
					throw new Anp_Media_Exception( $url, $this->too_large() );
				}
				return;
			}
		} finally {
			remove_action( 'requests-request.progress', $progress, 10 );
		}
	}

	/**
	 * Ends a download that goes on too long or grows too large: the HTTP
	 * API's own timeout is per read, and its size limit reads on to the end.
	 *
	 * @param string   $block The bytes just read.
	 * @param int      $size  The bytes read before them.
	 * @param int|bool $max   The size limit.
	 * @throws Requests_Exception To stop the transfer; the HTTP API makes it a WP_Error.
	 */
	public function on_progress( $block, $size, $max ): void {
		if ( microtime( true ) > $this->deadline ) {
			throw new Requests_Exception( 'anp: too slow', 'anp_too_slow' );
		}
		if ( (int) $size + strlen( (string) $block ) > $this->limits['bytes'] ) {
			throw new Requests_Exception( 'anp: too large', 'anp_too_large' );
		}
	}

	/**
	 * The reason for a failed transfer, in the plugin's words.
	 */
	private function transport_reason( WP_Error $error ): string {
		$message = $error->get_error_message();
		if ( str_contains( $message, 'anp: too large' ) ) {
			return $this->too_large();
		}
		if ( str_contains( $message, 'anp: too slow' ) || microtime( true ) >= $this->deadline ) {
			return sprintf( 'could not be downloaded: it took longer than %d seconds', $this->limits['seconds'] );
		}
		return 'could not be downloaded: no answer';
	}

	private function too_large(): string {
		return sprintf( 'could not be downloaded: it is larger than %d bytes', $this->limits['bytes'] );
	}

	/**
	 * Refuses a URL whose host is not on the public internet, before any
	 * connection is made.
	 *
	 * @param string $image The image's URL, for the message.
	 * @param string $url   The URL about to be asked (the image's, or a redirect's).
	 * @throws Anp_Media_Exception When it may not be asked.
	 */
	private function check_url( string $image, string $url ): void {
		if ( ! wp_http_validate_url( $url ) ) {
			throw new Anp_Media_Exception( $image, 'could not be downloaded: not a public http(s) address' );
		}
		$host = strtolower( trim( (string) wp_parse_url( $url, PHP_URL_HOST ), '.' ) );
		$home = strtolower( (string) wp_parse_url( home_url(), PHP_URL_HOST ) );
		if ( '' !== $home && $host === $home ) {
			return; // The site's own, as wp_http_validate_url() allows it.
		}
		$addresses = self::addresses( $host );
		if ( ! $addresses ) {
			throw new Anp_Media_Exception( $image, 'could not be downloaded: its host has no address' );
		}
		foreach ( $addresses as $address ) {
			if ( ! self::is_public( $address ) ) {
				throw new Anp_Media_Exception( $image, 'could not be downloaded: not a public http(s) address' );
			}
		}
	}

	/**
	 * Every address a host resolves to: IPv4 and IPv6.
	 *
	 * @return string[]
	 */
	private static function addresses( string $host ): array {
		if ( filter_var( $host, FILTER_VALIDATE_IP ) ) {
			return array( $host );
		}
		$addresses = gethostbynamel( $host ) ?: array();
		$records   = @dns_get_record( $host, DNS_AAAA ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- no AAAA record is no error.
		foreach ( is_array( $records ) ? $records : array() as $record ) {
			if ( isset( $record['ipv6'] ) ) {
				$addresses[] = $record['ipv6'];
			}
		}
		return $addresses;
	}

	/**
	 * Whether an address is on the public internet.
	 *
	 * @param string $address An IPv4 or IPv6 address.
	 */
	public static function is_public( string $address ): bool {
		$packed = @inet_pton( $address ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- false is the answer.
		if ( false === $packed ) {
			return false;
		}
		if ( 4 === strlen( $packed ) ) {
			foreach ( self::BLOCKED_V4 as $range ) {
				if ( self::in_v4_range( $packed, $range ) ) {
					return false;
				}
			}
			return true;
		}
		// IPv6 that holds an IPv4 address: mapped (::ffff:0:0/96), NAT64
		// (64:ff9b::/96), compatible (::/96): the IPv4 address decides.
		$prefix12 = substr( $packed, 0, 12 );
		if ( str_repeat( "\0", 10 ) . "\xff\xff" === $prefix12 || "\x00\x64\xff\x9b" . str_repeat( "\0", 8 ) === $prefix12 || str_repeat( "\0", 12 ) === $prefix12 ) {
			return self::is_public( (string) inet_ntop( substr( $packed, 12 ) ) );
		}
		// 6to4 (2002::/16): the IPv4 address in bits 16-47 decides.
		if ( "\x20\x02" === substr( $packed, 0, 2 ) ) {
			return self::is_public( (string) inet_ntop( substr( $packed, 2, 4 ) ) );
		}
		// Global unicast only (2000::/3), less Teredo and the IETF's
		// (2001::/23) and documentation (2001:db8::/32): no loopback,
		// unique local (fc00::/7), link-local (fe80::/10) or multicast.
		$first = ord( $packed[0] );
		if ( 0x20 !== ( $first & 0xe0 ) ) {
			return false;
		}
		if ( "\x20\x01" === substr( $packed, 0, 2 ) && ( ord( $packed[2] ) < 0x02 || "\x0d\xb8" === substr( $packed, 2, 2 ) ) ) {
			return false;
		}
		return true;
	}

	private static function in_v4_range( string $packed, string $range ): bool {
		list( $base, $bits ) = explode( '/', $range );
		$mask = -1 << ( 32 - (int) $bits ) & 0xffffffff;
		return ( unpack( 'N', $packed )[1] & $mask ) === ( unpack( 'N', inet_pton( $base ) )[1] & $mask );
	}
}

<?php
/**
 * The header of a converted file: its channel, its author and its terms.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * What Anp_Wxr_Files writes before the items of each file of a `convert`
 * run, with no site to read it from: the channel from --site-title and
 * --site-url, one author (the login the posts are for; no id, email or name
 * of the site that converts: the file is for another site, which maps the
 * login to its own user), and the terms the converter met, each with an id
 * in the order it was first met. Terms have no parents.
 */
final class Anp_Convert_Header implements Anp_Wxr_Header_Source {

	/** The only author's id in the file (the importer keys authors by login). */
	const AUTHOR_ID = 1;

	/** @var Anp_Convert_Options */
	private $options;

	/** @var array Term id => array( taxonomy, slug, name ). */
	private $terms = array();

	/** @var array "taxonomy\0slug" => term id. */
	private $ids = array();

	/** @var string The plugin's version, for the generator comment. */
	private $version;

	public function __construct( Anp_Convert_Options $options, string $version ) {
		$this->options = $options;
		$this->version = $version;
	}

	/**
	 * The id of a term, given one the first time it is met. WordPress finds a
	 * term by its slug: two names with one slug ("C++" and "C") are one term,
	 * named as first met, as an import makes them.
	 *
	 * @param string $taxonomy The taxonomy.
	 * @param string $slug     Its slug (Anp_Slug::of() of the name).
	 * @param string $name     Its name.
	 */
	public function term_id( string $taxonomy, string $slug, string $name ): int {
		$key = $taxonomy . "\0" . $slug;
		if ( ! isset( $this->ids[ $key ] ) ) {
			$id                 = count( $this->terms ) + 1;
			$this->ids[ $key ]  = $id;
			$this->terms[ $id ] = array( $taxonomy, $slug, $name );
		}
		return $this->ids[ $key ];
	}

	/**
	 * The name a term was first met with.
	 *
	 * @param int $term_id What term_id() gave.
	 */
	public function term_name( int $term_id ): string {
		return $this->terms[ $term_id ][2];
	}

	public function channel(): array {
		$url = $this->options->site_url;
		return array(
			'title'         => self::plain( $this->options->site_title ),
			'link'          => $url,
			'description'   => '',
			'pubDate'       => gmdate( 'D, d M Y H:i:s +0000', $this->options->time ),
			'language'      => 'en-US',
			'base_site_url' => $url,
			'base_blog_url' => $url,
			'generator'     => 'anp-importer/' . $this->version,
			'created'       => gmdate( 'Y-m-d H:i', $this->options->time ),
			'generator_url' => '',
		);
	}

	/**
	 * @param array $keys Logins.
	 */
	public function authors( array $keys ): array {
		$authors = array();
		foreach ( array_unique( $keys ) as $login ) {
			$authors[] = array(
				'id'           => self::AUTHOR_ID,
				'login'        => (string) $login,
				'email'        => '',
				'display_name' => (string) $login,
				'first_name'   => '',
				'last_name'    => '',
			);
		}
		return $authors;
	}

	/**
	 * @param array $keys Term ids from term_id().
	 */
	public function terms( array $keys ): array {
		$out = array(
			'categories' => array(),
			'tags'       => array(),
			'terms'      => array(),
		);
		$keys = array_unique( array_map( 'intval', $keys ) );
		sort( $keys );
		foreach ( $keys as $id ) {
			if ( ! isset( $this->terms[ $id ] ) ) {
				continue;
			}
			list( $taxonomy, $slug, $name ) = $this->terms[ $id ];
			if ( 'category' === $taxonomy ) {
				$out['categories'][] = array(
					'term_id' => $id,
					'slug'    => $slug,
					'parent'  => '',
					'name'    => $name,
				);
			} elseif ( 'post_tag' === $taxonomy ) {
				$out['tags'][] = array(
					'term_id' => $id,
					'slug'    => $slug,
					'name'    => $name,
				);
			} else {
				$out['terms'][] = array(
					'term_id'  => $id,
					'taxonomy' => $taxonomy,
					'slug'     => $slug,
					'parent'   => '',
					'name'     => $name,
				);
			}
		}
		return $out;
	}

	/**
	 * A channel field is plain text that WordPress hands out escaped
	 * (get_bloginfo_rss()): "&", "<", ">" as entities.
	 *
	 * @param string $text Text.
	 */
	private static function plain( string $text ): string {
		return htmlspecialchars( $text, ENT_NOQUOTES | ENT_SUBSTITUTE, 'UTF-8' );
	}
}

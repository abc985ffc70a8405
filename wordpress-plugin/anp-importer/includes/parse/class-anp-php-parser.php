<?php
/**
 * The pure-PHP ANP parser: the fallback when the anp C extension is missing.
 *
 * It must return the very arrays (===) and throw the very exceptions that
 * anp_parse() and anp_parse_file() do, so every rule below follows
 * docs/format.md and docs/format-decisions.md to the letter, down to
 * key order, value types and message bytes. It needs no WordPress and no
 * mbstring.
 *
 * @package anp-importer
 */

require_once __DIR__ . '/class-anp-parse-exception.php';

use Anp\ParseException;

/**
 * Parses ANP post files into the array described in docs/format.md.
 *
 * The public API is two static methods; an instance holds the state of one
 * parse (the lines, the meta read so far, the warnings), and reads the lines
 * in one pass: title, body, meta, similar posts.
 */
final class Anp_Php_Parser {

	/**
	 * The default of the option max_bytes: 8 MiB.
	 */
	public const DEFAULT_MAX_BYTES = 8388608;

	private const BOM         = "\xEF\xBB\xBF";
	private const BULLET      = "\xE2\x80\xA2";
	private const REPLACEMENT = "\xEF\xBF\xBD";
	private const WHITE_SPACE = " \t";
	private const DIGITS      = '0123456789';

	private const UNREADABLE   = 'cannot read the file; expected a readable ANP file';
	private const SIZE_CHANGED = 'cannot read the file: its size changed while it was read; expected a readable ANP file';

	private const META_MARKER    = 'alphanode post meta';
	private const TRAILER_MARKER = 'similar posts';

	/**
	 * Any of these makes a line code-like.
	 */
	private const CODE_CHARACTERS = '(){}[];=<>$@#`';

	/**
	 * A one-line block ending in one of these is not code.
	 */
	private const SENTENCE_ENDS = '.!?';

	/**
	 * A one-line block ending in one of these is not a heading.
	 */
	private const NOT_HEADING_ENDS = '.!?:,;';

	private const HEADING_MAX_CODE_POINTS = 80;

	/*
	 * Bounds on what a file can make a parse hold, so that its memory stays a
	 * fixed multiple of the input's size (anp_parser.h has the same three):
	 * the first warnings in line order and the first unparsed lines are
	 * kept, then one warning too_many_warnings counts the rest; a name quoted
	 * in a warning is cut after MESSAGE_NAME_BYTES bytes.
	 */
	private const MAX_WARNINGS       = 100;
	private const MAX_UNPARSED       = 100;
	private const MESSAGE_NAME_BYTES = 100;

	/**
	 * Known scalar keys as they are spelled in a glued line, and their names.
	 */
	private const GLUED_SCALAR_KEYS = [
		'code language' => 'code_language',
		'reading time'  => 'reading_time',
		'difficulty'    => 'difficulty',
		'view count'    => 'view_count',
		'reference'     => 'reference',
		'ai brief'      => 'ai_brief',
		'summary'       => 'summary',
		'topic'         => 'topic',
		'hash'          => 'hash',
	];

	/**
	 * GLUED_SCALAR_KEYS by first letter, longest first, so that a line is
	 * compared with one or two keys, and the first that matches is the
	 * longest.
	 */
	private const GLUED_SCALAR_KEYS_BY_INITIAL = [
		'a' => [ 'ai brief' ],
		'c' => [ 'code language' ],
		'd' => [ 'difficulty' ],
		'h' => [ 'hash' ],
		'r' => [ 'reading time', 'reference' ],
		's' => [ 'summary' ],
		't' => [ 'topic' ],
		'v' => [ 'view count' ],
	];

	private const INTEGER_SCALARS = [
		'reading_time' => true,
		'view_count'   => true,
	];

	/*
	 * Shapes of a list field, worded as the unknown_field warning says them.
	 */
	private const SHAPE_LIST    = 'list';
	private const SHAPE_MAP     = 'map';
	private const SHAPE_OBJECTS = 'list of objects';

	/**
	 * Normalized names of the known list fields and their shapes.
	 */
	private const LIST_FIELDS = [
		'ai_outline'    => self::SHAPE_MAP,
		'stack'         => self::SHAPE_LIST,
		'tools'         => self::SHAPE_LIST,
		'checklist'     => self::SHAPE_LIST,
		'notes'         => self::SHAPE_LIST,
		'score'         => self::SHAPE_MAP,
		'revision'      => self::SHAPE_MAP,
		'flags'         => self::SHAPE_MAP,
		'entities'      => self::SHAPE_OBJECTS,
		'image_sources' => self::SHAPE_OBJECTS,
		'payload'       => self::SHAPE_MAP,
	];

	/**
	 * The known list keys as a line spells them (lower-cased), and their
	 * names: a line is a known list key only when it is exactly one of
	 * these, in any case. A variant spelling (a hyphen, two spaces, an
	 * underscore) is an unknown field.
	 */
	private const SPELLED_LIST_KEYS = [
		'ai outline'    => 'ai_outline',
		'stack'         => 'stack',
		'tools'         => 'tools',
		'checklist'     => 'checklist',
		'notes'         => 'notes',
		'score'         => 'score',
		'revision'      => 'revision',
		'flags'         => 'flags',
		'entities'      => 'entities',
		'image sources' => 'image_sources',
		'payload'       => 'payload',
	];

	/**
	 * Path shown in errors: the path as given, or "input" for a string.
	 *
	 * @var string
	 */
	private string $path;

	/**
	 * The input's lines: line endings read, the final one dropped, invalid
	 * UTF-8 substituted. Trailing white space is still there.
	 *
	 * @var string[]
	 */
	private array $lines = [];

	/**
	 * Number of lines, also the number of the last line.
	 *
	 * @var int
	 */
	private int $line_count = 0;

	/**
	 * Index in $lines of the next line to read.
	 *
	 * @var int
	 */
	private int $cursor = 0;

	/**
	 * The blocks of the body.
	 *
	 * @var array[]
	 */
	private array $blocks = [];

	/**
	 * Last line of the last block when that block is code, else 0: a code
	 * block that comes next, with only blank lines between, joins it.
	 *
	 * @var int
	 */
	private int $code_end_line = 0;

	/**
	 * Meta fields by normalized name.
	 *
	 * @var array
	 */
	private array $meta = [];

	/**
	 * Titles of similar posts.
	 *
	 * @var string[]
	 */
	private array $similar = [];

	/**
	 * Meta lines kept as they are: ['line' => int, 'text' => string].
	 *
	 * @var array[]
	 */
	private array $unparsed = [];

	/**
	 * Unparsed lines found, kept or not.
	 *
	 * @var int
	 */
	private int $unparsed_made = 0;

	/**
	 * Warnings held: [ line, order made, code, message ] each; at most twice
	 * MAX_WARNINGS, trimmed to the first MAX_WARNINGS by trim_warnings().
	 *
	 * @var array[]
	 */
	private array $warnings = [];

	/**
	 * Warnings made, kept or not; also the order of the next one.
	 *
	 * @var int
	 */
	private int $warnings_made = 0;

	/**
	 * The last warning kept by the last trim, or null before any: a later
	 * warning is only counted.
	 *
	 * @var array|null
	 */
	private ?array $warnings_cutoff = null;

	/**
	 * The line of the first warning left out, or 0.
	 *
	 * @var int
	 */
	private int $first_dropped_line = 0;

	/**
	 * Parses the text of an ANP file.
	 *
	 * @param string $text    The whole file.
	 * @param array  $options max_bytes (int > 0) and invalid_utf8 ('error' or 'substitute').
	 * @param string $path    Path shown in errors.
	 * @return array The parse result (title, blocks, meta, similar, unparsed, warnings).
	 * @throws ParseException When the text is not a parseable ANP post.
	 * @throws \ValueError    On an unknown option or a bad option value.
	 * @throws \TypeError     On an option of the wrong type.
	 */
	public static function parse( string $text, array $options = [], string $path = 'input' ): array {
		try {
			[ $max_bytes, $substitute ] = self::read_options( $options, 'anp_parse()' );
			return ( new self( $path ) )->parse_text( $text, $max_bytes, $substitute );
		} catch ( ParseException | \ValueError | \TypeError $error ) {
			throw self::thrown_by_caller( $error );
		}
	}

	/**
	 * Reads an ANP file (through PHP streams) and parses it.
	 *
	 * @param string $path    A file path or stream URL.
	 * @param array  $options As for parse().
	 * @return array The parse result.
	 * @throws ParseException When the file cannot be read or parsed.
	 * @throws \ValueError    On a path holding NUL, an unknown option or a bad option value.
	 * @throws \TypeError     On an option of the wrong type.
	 */
	public static function parse_file( string $path, array $options = [] ): array {
		try {
			// The extension takes the path as a "p" argument, which refuses
			// NUL before the options are looked at.
			if ( str_contains( $path, "\0" ) ) {
				throw new \ValueError( 'anp_parse_file(): Argument #1 ($path) must not contain any null bytes' );
			}
			[ $max_bytes, $substitute ] = self::read_options( $options, 'anp_parse_file()' );
			$parser = new self( $path );
			return $parser->parse_text( $parser->read_file( $max_bytes ), $max_bytes, $substitute );
		} catch ( ParseException | \ValueError | \TypeError $error ) {
			throw self::thrown_by_caller( $error );
		}
	}

	/**
	 * Gives an exception the file and line of the code that called parse()
	 * or parse_file(), as an exception thrown by the extension's functions
	 * has: getLine() then means the same with or without the extension.
	 *
	 * @param \Throwable $error The exception thrown inside this class.
	 * @return \Throwable The same exception.
	 */
	private static function thrown_by_caller( \Throwable $error ): \Throwable {
		// Frame 0 is the call to this method, frame 1 the call to the API.
		$caller = debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS, 2 )[1] ?? [];
		if ( isset( $caller['file'], $caller['line'] ) ) {
			// Both are protected properties of the root class, and Reflection
			// is the only way in for ValueError and TypeError (internal classes).
			$root = $error instanceof \Exception ? \Exception::class : \Error::class;
			( new \ReflectionProperty( $root, 'file' ) )->setValue( $error, $caller['file'] );
			( new \ReflectionProperty( $root, 'line' ) )->setValue( $error, $caller['line'] );
		}
		return $error;
	}

	/**
	 * Use parse() or parse_file().
	 *
	 * @param string $path Path shown in errors.
	 */
	private function __construct( string $path ) {
		$this->path = $path;
	}

	/**
	 * Checks the options, in the order given, and returns their values.
	 *
	 * @param array  $options  The options as passed.
	 * @param string $function The public function name used in messages.
	 * @return array [ int $max_bytes, bool $substitute ]
	 * @throws \ValueError On an unknown option or a bad value.
	 * @throws \TypeError  On a value of the wrong type.
	 */
	private static function read_options( array $options, string $function ): array {
		$max_bytes  = self::DEFAULT_MAX_BYTES;
		$substitute = false;
		foreach ( $options as $key => $value ) {
			if ( 'max_bytes' === $key ) {
				$max_bytes = self::read_max_bytes( $value, $function );
			} elseif ( 'invalid_utf8' === $key ) {
				$substitute = self::read_invalid_utf8( $value, $function );
			} else {
				throw new \ValueError( sprintf( '%s: Argument #2 ($options) has an unknown option "%s"', $function, $key ) );
			}
		}
		return [ $max_bytes, $substitute ];
	}

	/**
	 * Checks the option max_bytes.
	 *
	 * @param mixed  $value    The option's value.
	 * @param string $function The public function name used in messages.
	 * @return int
	 * @throws \ValueError When it is not greater than 0.
	 * @throws \TypeError  When it is not an int.
	 */
	private static function read_max_bytes( $value, string $function ): int {
		if ( ! is_int( $value ) ) {
			throw new \TypeError( sprintf( '%s: Option "max_bytes" must be of type int, %s given', $function, get_debug_type( $value ) ) );
		}
		if ( $value <= 0 ) {
			throw new \ValueError( sprintf( '%s: Option "max_bytes" must be greater than 0', $function ) );
		}
		return $value;
	}

	/**
	 * Checks the option invalid_utf8.
	 *
	 * @param mixed  $value    The option's value.
	 * @param string $function The public function name used in messages.
	 * @return bool Whether invalid UTF-8 is substituted.
	 * @throws \ValueError When it is neither "error" nor "substitute".
	 * @throws \TypeError  When it is not a string.
	 */
	private static function read_invalid_utf8( $value, string $function ): bool {
		if ( ! is_string( $value ) ) {
			throw new \TypeError( sprintf( '%s: Option "invalid_utf8" must be of type string, %s given', $function, get_debug_type( $value ) ) );
		}
		if ( 'error' !== $value && 'substitute' !== $value ) {
			throw new \ValueError( sprintf( '%s: Option "invalid_utf8" must be "error" or "substitute"', $function ) );
		}
		return 'substitute' === $value;
	}

	/**
	 * Reads the file at $this->path, as the extension does: through one
	 * open stream, whose own stat gives the size.
	 *
	 * @param int $max_bytes The option max_bytes.
	 * @return string The raw bytes.
	 * @throws ParseException When the file cannot be read, its size is known
	 *                        and over max_bytes, or its size changed while
	 *                        it was read.
	 */
	private function read_file( int $max_bytes ): string {
		// file_get_contents() "reads" a directory as an empty string, and an
		// empty path is a ValueError of its own: both are unreadable files.
		if ( '' === $this->path || @is_dir( $this->path ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors
			throw $this->error( 1, self::UNREADABLE );
		}
		$handle = @fopen( $this->path, 'rb' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors, WordPress.WP.AlternativeFunctions
		if ( false === $handle ) {
			throw $this->error( 1, self::UNREADABLE );
		}
		try {
			$stat = @fstat( $handle ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
			$size = is_array( $stat ) ? (int) ( $stat['size'] ?? 0 ) : 0;
			if ( is_array( $stat ) && 0040000 === ( ( $stat['mode'] ?? 0 ) & 0170000 ) ) {
				throw $this->error( 1, self::UNREADABLE );
			}
			// Only a plain file's stat tells how many bytes its reads give:
			// through compress.zlib:// or a php://filter, stat gives the size
			// of the file underneath, so such a stream is read to its end.
			if ( ! self::is_plain_file( $handle, $stat ) ) {
				$stat = false;
				$size = 0;
			}
			// Refuse a file that is too large before it is loaded into memory.
			if ( $size > $max_bytes ) {
				throw $this->too_large_error( $size, $max_bytes );
			}
			if ( $size > 0 ) {
				// One byte more than the size: the file is whole only when
				// exactly its size came, then the end. A file truncated or
				// grown meanwhile is never parsed in part.
				$text = stream_get_contents( $handle, $size + 1 );
				if ( false === $text || strlen( $text ) !== $size ) {
					throw $this->error( 1, self::SIZE_CHANGED );
				}
			} else {
				// A stream that cannot tell its size is read one byte past
				// the limit, as the extension does: enough to refuse it,
				// with the same message.
				$text = stream_get_contents( $handle, $max_bytes + 1 );
				if ( false === $text ) {
					throw $this->error( 1, self::UNREADABLE );
				}
			}
			// A writer still at work when the file was opened leaves it at
			// another size once it is read: that file was not whole either.
			$after = is_array( $stat ) ? @fstat( $handle ) : false; // phpcs:ignore WordPress.PHP.NoSilencedErrors
			if ( is_array( $after ) && (int) ( $after['size'] ?? 0 ) !== $size ) {
				throw $this->error( 1, self::SIZE_CHANGED );
			}
			return $text;
		} finally {
			fclose( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}
	}

	/**
	 * Whether a stream is a regular file opened by the plain-files wrapper
	 * with no read filter, as the extension asks: the one kind of stream
	 * whose stat size is the number of bytes it reads.
	 *
	 * @param resource    $handle The open stream.
	 * @param array|false $stat   Its fstat().
	 * @return bool
	 */
	private static function is_plain_file( $handle, $stat ): bool {
		$meta = stream_get_meta_data( $handle );
		return is_array( $stat )
			&& 0100000 === ( ( $stat['mode'] ?? 0 ) & 0170000 )
			&& 'plainfile' === ( $meta['wrapper_type'] ?? '' )
			&& 'STDIO' === ( $meta['stream_type'] ?? '' );
	}

	/**
	 * Parses the whole text.
	 *
	 * @param string $text       The raw bytes.
	 * @param int    $max_bytes  The option max_bytes.
	 * @param bool   $substitute Whether invalid UTF-8 is substituted.
	 * @return array The parse result.
	 * @throws ParseException When the text is not a parseable ANP post.
	 */
	private function parse_text( string $text, int $max_bytes, bool $substitute ): array {
		$this->read_lines( $text, $max_bytes, $substitute );
		$title = $this->read_title();
		$this->read_body();
		$marker = $this->cursor < $this->line_count ? self::marker_of( $this->lines[ $this->cursor ] ) : '';
		if ( self::META_MARKER === $marker ) {
			++$this->cursor;
			$this->read_meta();
		} else {
			// The trailer's line, or the last line when there is none.
			$line = '' === $marker ? $this->line_count : $this->cursor + 1;
			$this->warn( $line, 'no_meta', 'no "alphanode post meta" marker; meta is empty' );
		}
		if ( $this->cursor < $this->line_count ) {
			++$this->cursor;
			$this->read_similar();
		}
		$this->resolve_code_language();
		$this->resolve_image_urls();
		return [
			'title'    => $title,
			'blocks'   => $this->blocks,
			'meta'     => $this->meta,
			'similar'  => $this->similar,
			'unparsed' => $this->unparsed,
			'warnings' => $this->sorted_warnings(),
		];
	}

	/*
	 * Text layer.
	 */

	/**
	 * Turns the raw bytes into lines, or throws for the errors of the text
	 * layer, in the order the decisions doc sets: too large, empty, then the
	 * first NUL or invalid UTF-8 in byte order.
	 *
	 * @param string $text       The raw bytes.
	 * @param int    $max_bytes  The option max_bytes.
	 * @param bool   $substitute Whether invalid UTF-8 is substituted.
	 * @throws ParseException On a text-layer error.
	 */
	private function read_lines( string $text, int $max_bytes, bool $substitute ): void {
		$size = strlen( $text );
		if ( $size > $max_bytes ) {
			throw $this->too_large_error( $size, $max_bytes );
		}
		if ( str_starts_with( $text, self::BOM ) ) {
			$text = substr( $text, 3 );
		}
		if ( '' === $text ) {
			throw $this->error( 1, 'empty input; expected a title line' );
		}
		// CR and LF are never part of a multi-byte sequence, so line endings
		// can be read before the bytes are checked; an error's line and
		// column then come straight from the lines.
		if ( str_contains( $text, "\r" ) ) {
			$text = str_replace( [ "\r\n", "\r" ], "\n", $text );
		}
		// One check of the whole text is the fast path; lines are looked at
		// one by one only when it fails.
		$is_utf8 = 1 === preg_match( '//u', $text );
		$lines   = explode( "\n", $text );
		if ( ! $is_utf8 && ! $substitute ) {
			$this->reject_first_bad_byte( $lines );
		}
		if ( str_contains( $text, "\0" ) ) {
			$this->reject_first_nul_byte( $lines );
		}
		// A final line ending ends the last line; it does not start one.
		if ( '' === end( $lines ) ) {
			array_pop( $lines );
		}
		$this->lines      = $lines;
		$this->line_count = count( $lines );
		if ( ! $is_utf8 ) {
			$this->substitute_invalid_utf8();
		}
	}

	/**
	 * Throws for the first NUL byte or invalid UTF-8 sequence, whichever
	 * comes first; the text is known to hold invalid UTF-8.
	 *
	 * @param string[] $lines The lines.
	 * @throws ParseException Always.
	 */
	private function reject_first_bad_byte( array $lines ): void {
		foreach ( $lines as $index => $line ) {
			$nul     = strpos( $line, "\0" );
			$invalid = 1 === preg_match( '//u', $line ) ? false : self::invalid_subparts( $line )[0][0];
			if ( false !== $nul && ( false === $invalid || $nul < $invalid ) ) {
				throw $this->nul_error( $index + 1, $nul + 1 );
			}
			if ( false !== $invalid ) {
				throw $this->error( $index + 1, sprintf( "invalid UTF-8 at column %d; expected UTF-8 text (or the option invalid_utf8 => 'substitute')", $invalid + 1 ) );
			}
		}
	}

	/**
	 * Throws for the first NUL byte; the text is known to hold one.
	 *
	 * @param string[] $lines The lines.
	 * @throws ParseException Always.
	 */
	private function reject_first_nul_byte( array $lines ): void {
		foreach ( $lines as $index => $line ) {
			$nul = strpos( $line, "\0" );
			if ( false !== $nul ) {
				throw $this->nul_error( $index + 1, $nul + 1 );
			}
		}
	}

	/**
	 * Replaces each maximal invalid subpart with U+FFFD, with one warning per
	 * line that had any.
	 */
	private function substitute_invalid_utf8(): void {
		foreach ( $this->lines as $index => $line ) {
			if ( 1 === preg_match( '//u', $line ) ) {
				continue;
			}
			$fixed = '';
			$from  = 0;
			foreach ( self::invalid_subparts( $line ) as [ $offset, $length ] ) {
				$fixed .= substr( $line, $from, $offset - $from ) . self::REPLACEMENT;
				$from   = $offset + $length;
			}
			$this->lines[ $index ] = $fixed . substr( $line, $from );
			// Made before any warning of the structure: on one line, it comes first.
			$this->warn( $index + 1, 'invalid_utf8', 'invalid UTF-8 replaced with U+FFFD' );
		}
	}

	/**
	 * Finds the maximal invalid subparts of a byte string (Unicode 3.9, table
	 * 3-7): a byte that cannot start a sequence, or a valid lead with fewer
	 * valid continuation bytes than it needs, together with those bytes.
	 *
	 * @param string $bytes The bytes.
	 * @return array[] [ [ int $offset, int $length ], ... ] in byte order.
	 */
	private static function invalid_subparts( string $bytes ): array {
		$subparts = [];
		$length   = strlen( $bytes );
		$i        = 0;
		while ( $i < $length ) {
			$lead = ord( $bytes[ $i ] );
			if ( $lead < 0x80 ) {
				++$i;
				continue;
			}
			[ $needed, $low, $high ] = self::utf8_lead( $lead );
			$end = $i + 1;
			for ( $seen = 0; $seen < $needed && $end < $length; ++$seen, ++$end ) {
				$byte = ord( $bytes[ $end ] );
				// Only the first continuation byte has a narrower range.
				if ( $byte < ( 0 === $seen ? $low : 0x80 ) || $byte > ( 0 === $seen ? $high : 0xBF ) ) {
					break;
				}
			}
			if ( 0 === $needed || $seen < $needed ) {
				$subparts[] = [ $i, $end - $i ];
			}
			$i = $end;
		}
		return $subparts;
	}

	/**
	 * What a byte of 0x80 or more needs to follow it (Unicode table 3-7).
	 *
	 * @param int $lead The byte.
	 * @return int[] [ continuation bytes needed (0: not a lead), low and high
	 *               bound of the first continuation byte ]
	 */
	private static function utf8_lead( int $lead ): array {
		if ( $lead >= 0xC2 && $lead <= 0xDF ) {
			return [ 1, 0x80, 0xBF ];
		}
		if ( 0xE0 === $lead ) {
			return [ 2, 0xA0, 0xBF ];
		}
		if ( 0xED === $lead ) {
			return [ 2, 0x80, 0x9F ];
		}
		if ( $lead >= 0xE1 && $lead <= 0xEF ) {
			return [ 2, 0x80, 0xBF ];
		}
		if ( 0xF0 === $lead ) {
			return [ 3, 0x90, 0xBF ];
		}
		if ( 0xF4 === $lead ) {
			return [ 3, 0x80, 0x8F ];
		}
		if ( $lead >= 0xF1 && $lead <= 0xF3 ) {
			return [ 3, 0x80, 0xBF ];
		}
		return [ 0, 0, 0 ];
	}

	/*
	 * Layout.
	 */

	/**
	 * Skips blank and chrome lines and reads the title.
	 *
	 * @return string The title, trimmed.
	 * @throws ParseException When there is no title line, or a marker stands where it should be.
	 */
	private function read_title(): string {
		for ( ; $this->cursor < $this->line_count; ++$this->cursor ) {
			$line = trim( $this->lines[ $this->cursor ], self::WHITE_SPACE );
			if ( '' === $line || self::is_chrome( $line ) ) {
				continue;
			}
			if ( '' !== self::marker_of( $line ) ) {
				break;
			}
			++$this->cursor;
			return $line;
		}
		throw $this->error( 1, 'no title; expected a line that is not blank, chrome or a marker' );
	}

	/**
	 * Whether a trimmed, non-empty line is page chrome: "|" and white space.
	 *
	 * @param string $line The trimmed line.
	 * @return bool
	 */
	private static function is_chrome( string $line ): bool {
		return '|' === $line[0] && strspn( $line, "| \t" ) === strlen( $line );
	}

	/**
	 * Which marker a line is.
	 *
	 * @param string $line The line.
	 * @return string self::META_MARKER, self::TRAILER_MARKER, or '' for none.
	 */
	private static function marker_of( string $line ): string {
		$line = trim( $line, self::WHITE_SPACE );
		// The length rules out almost every line before any comparison.
		switch ( strlen( $line ) ) {
			case 19:
				return 0 === strcasecmp( $line, self::META_MARKER ) ? self::META_MARKER : '';
			case 13:
				return 0 === strcasecmp( $line, self::TRAILER_MARKER ) ? self::TRAILER_MARKER : '';
			default:
				return '';
		}
	}

	/*
	 * Body.
	 */

	/**
	 * Reads the body's blocks, up to a marker (left under the cursor) or the end.
	 */
	private function read_body(): void {
		$block      = [];
		$first_line = 0;
		for ( ; $this->cursor < $this->line_count; ++$this->cursor ) {
			$line = rtrim( $this->lines[ $this->cursor ], self::WHITE_SPACE );
			if ( '' === $line ) {
				if ( $block ) {
					$this->add_block( $block, $first_line );
					$block = [];
				}
				continue;
			}
			if ( '' !== self::marker_of( $line ) ) {
				break;
			}
			if ( ! $block ) {
				$first_line = $this->cursor + 1;
			}
			$block[] = $line;
		}
		if ( $block ) {
			$this->add_block( $block, $first_line );
		}
	}

	/**
	 * Classifies a block and adds it, joining a code block to the code block
	 * before it when only blank lines stand between them.
	 *
	 * @param string[] $lines      The block's lines, trailing white space dropped.
	 * @param int      $first_line Number of its first line.
	 */
	private function add_block( array $lines, int $first_line ): void {
		$block     = self::classify_block( $lines );
		$last_line = $first_line + count( $lines ) - 1;
		if ( 'code' !== $block['type'] ) {
			$this->blocks[]      = $block;
			$this->code_end_line = 0;
			return;
		}
		if ( $this->code_end_line > 0 ) {
			// One "\n" ends the last code line, one more per blank line.
			$this->blocks[ count( $this->blocks ) - 1 ]['text'] .= str_repeat( "\n", $first_line - $this->code_end_line ) . $block['text'];
		} else {
			$this->blocks[] = $block;
		}
		$this->code_end_line = $last_line;
	}

	/**
	 * Classifies a block by the first rule of the spec that matches.
	 *
	 * @param string[] $lines The block's lines, trailing white space dropped.
	 * @return array The block.
	 */
	private static function classify_block( array $lines ): array {
		$items = self::list_items( $lines );
		if ( null !== $items ) {
			return [
				'type'  => 'list',
				'items' => $items,
			];
		}
		if ( 2 === count( $lines ) ) {
			$image = self::image_block( $lines[0], $lines[1] );
			if ( null !== $image ) {
				return $image;
			}
		}
		if ( count( $lines ) > 1 ) {
			return self::multi_line_block( $lines );
		}
		return self::one_line_block( $lines[0] );
	}

	/**
	 * The items of a block whose every line is a bullet.
	 *
	 * @param string[] $lines The block's lines.
	 * @return string[]|null Null when a line is not a bullet.
	 */
	private static function list_items( array $lines ): ?array {
		$items = [];
		foreach ( $lines as $line ) {
			$item = self::bullet_text( $line );
			if ( null === $item ) {
				return null;
			}
			$items[] = $item;
		}
		return $items;
	}

	/**
	 * An image block: a caption line, then that caption followed by
	 * ". image source: " and the source. Both lines are compared trimmed,
	 * and the source is trimmed too.
	 *
	 * @param string $first  The first line.
	 * @param string $second The second line.
	 * @return array|null Null when the two lines are not an image.
	 */
	private static function image_block( string $first, string $second ): ?array {
		$alt    = ltrim( $first, self::WHITE_SPACE );
		$second = ltrim( $second, self::WHITE_SPACE );
		$prefix = $alt . '. image source: ';
		$length = strlen( $prefix );
		if ( 0 !== strncmp( $second, $prefix, $length ) ) {
			return null;
		}
		// The line's end is already trimmed, so the source is empty only
		// when nothing follows the prefix.
		$source = ltrim( (string) substr( $second, $length ), self::WHITE_SPACE );
		if ( '' === $source ) {
			return null;
		}
		return [
			'type'   => 'image',
			'alt'    => $alt,
			'source' => $source,
			'url'    => null,
		];
	}

	/**
	 * A block of several lines: code when any line is code-like, else a
	 * paragraph.
	 *
	 * @param string[] $lines The block's lines.
	 * @return array The block.
	 */
	private static function multi_line_block( array $lines ): array {
		foreach ( $lines as $line ) {
			if ( self::is_code_like( $line ) ) {
				return self::code_block( implode( "\n", $lines ) );
			}
		}
		foreach ( $lines as $index => $line ) {
			$lines[ $index ] = ltrim( $line, self::WHITE_SPACE );
		}
		return self::text_block( 'paragraph', implode( ' ', $lines ) );
	}

	/**
	 * A block of one line: code, heading or paragraph.
	 *
	 * @param string $line The line.
	 * @return array The block.
	 */
	private static function one_line_block( string $line ): array {
		$last = substr( $line, -1 );
		if ( ! str_contains( self::SENTENCE_ENDS, $last ) && self::is_code_like( $line ) ) {
			return self::code_block( $line );
		}
		$text = ltrim( $line, self::WHITE_SPACE );
		if ( ! str_contains( self::NOT_HEADING_ENDS, $last ) && self::fits_heading( $text ) ) {
			return self::text_block( 'heading', $text );
		}
		return self::text_block( 'paragraph', $text );
	}

	/**
	 * A code block; its language is filled in once the meta is read.
	 *
	 * @param string $text The code.
	 * @return array The block.
	 */
	private static function code_block( string $text ): array {
		return [
			'type'     => 'code',
			'text'     => $text,
			'language' => null,
		];
	}

	/**
	 * A paragraph or heading block.
	 *
	 * @param string $type 'paragraph' or 'heading'.
	 * @param string $text The text.
	 * @return array The block.
	 */
	private static function text_block( string $type, string $text ): array {
		return [
			'type' => $type,
			'text' => $text,
		];
	}

	/**
	 * Whether a line is code-like: indented (and not a bullet), or holding a
	 * character that prose rarely does.
	 *
	 * @param string $line A non-empty line.
	 * @return bool
	 */
	private static function is_code_like( string $line ): bool {
		if ( "\t" === $line[0] || ( ' ' === $line[0] && null === self::bullet_text( $line ) ) ) {
			return true;
		}
		return false !== strpbrk( $line, self::CODE_CHARACTERS );
	}

	/**
	 * Whether a text is short enough for a heading, in code points.
	 *
	 * @param string $text Valid UTF-8.
	 * @return bool
	 */
	private static function fits_heading( string $text ): bool {
		$bytes = strlen( $text );
		// A code point is 1 to 4 bytes, so only the lengths in between need
		// counting: every byte that is not a continuation byte starts one.
		if ( $bytes <= self::HEADING_MAX_CODE_POINTS ) {
			return true;
		}
		if ( $bytes > 4 * self::HEADING_MAX_CODE_POINTS ) {
			return false;
		}
		return preg_match_all( '/[^\x80-\xBF]/', $text ) <= self::HEADING_MAX_CODE_POINTS;
	}

	/**
	 * The text of a bullet line: spaces, "•", then the end of the line or
	 * one space and the text.
	 *
	 * @param string $line A line, trailing white space dropped.
	 * @return string|null The trimmed text, or null when the line is not a bullet.
	 */
	private static function bullet_text( string $line ): ?string {
		$indent = strspn( $line, ' ' );
		if ( self::BULLET !== substr( $line, $indent, 3 ) ) {
			return null;
		}
		$after = $indent + 3;
		if ( ! isset( $line[ $after ] ) ) {
			return '';
		}
		if ( ' ' !== $line[ $after ] ) {
			return null;
		}
		return trim( substr( $line, $after + 1 ), self::WHITE_SPACE );
	}

	/*
	 * Meta.
	 */

	/**
	 * Reads the meta block, up to the trailer marker (left under the cursor)
	 * or the end.
	 */
	private function read_meta(): void {
		$field = null;
		for ( ; $this->cursor < $this->line_count; ++$this->cursor ) {
			$line   = rtrim( $this->lines[ $this->cursor ], self::WHITE_SPACE );
			$number = $this->cursor + 1;
			$item   = '' === $line ? null : self::bullet_text( $line );
			if ( null !== $item ) {
				if ( null === $field ) {
					$this->keep_unparsed( $number, $line, 'bullet outside a list; kept in unparsed' );
				} else {
					$field['items'][] = [ $number, $line, $item ];
				}
				continue;
			}
			// Any line that is not a bullet, a blank one included, ends the list.
			if ( null !== $field ) {
				$this->close_field( $field );
				$field = null;
			}
			if ( '' === $line ) {
				continue;
			}
			if ( self::TRAILER_MARKER === self::marker_of( $line ) ) {
				break;
			}
			$field = $this->read_field_line( $line, $number );
		}
		if ( null !== $field ) {
			$this->close_field( $field );
		}
	}

	/**
	 * Reads a meta line that is not a bullet: it opens a list field, sets a
	 * scalar field, or is kept in unparsed.
	 *
	 * In the order of docs/format-decisions.md ("Meta lines"): a known list
	 * key spelled exactly, a line followed by a bullet, a glued scalar.
	 *
	 * @param string $line   The line, trailing white space dropped.
	 * @param int    $number Its line number.
	 * @return array|null The list field it opens, or null.
	 */
	private function read_field_line( string $line, int $number ): ?array {
		// Leading white space is dropped: a line is classified trimmed, so
		// "  difficulty hard" is still a glued scalar.
		$text    = ltrim( $line, self::WHITE_SPACE );
		$spelled = strtolower( $text );
		if ( isset( self::SPELLED_LIST_KEYS[ $spelled ] ) ) {
			return self::open_field( self::SPELLED_LIST_KEYS[ $spelled ], $number, true );
		}
		if ( $this->next_line_is_bullet() ) {
			// Any line followed by bullets is a list key, a scalar's name too.
			return self::open_field( self::normalize_name( $text ), $number, false, isset( self::GLUED_SCALAR_KEYS[ $spelled ] ) );
		}
		$glued_key = self::glued_scalar_key( $text );
		if ( null !== $glued_key ) {
			$value = trim( substr( $text, strlen( $glued_key ) ), self::WHITE_SPACE );
			$this->set_scalar( self::GLUED_SCALAR_KEYS[ $glued_key ], $value, $number );
			return null;
		}
		$this->keep_unparsed( $number, $line, 'not a known meta field; kept in unparsed' );
		return null;
	}

	/**
	 * The longest known scalar key that starts a line, in any ASCII case.
	 *
	 * @param string $line The line.
	 * @return string|null The key as spelled in GLUED_SCALAR_KEYS, or null.
	 */
	private static function glued_scalar_key( string $line ): ?string {
		foreach ( self::GLUED_SCALAR_KEYS_BY_INITIAL[ strtolower( $line[0] ) ] ?? [] as $spelling ) {
			if ( 0 === strncasecmp( $line, $spelling, strlen( $spelling ) ) ) {
				return $spelling;
			}
		}
		return null;
	}

	/**
	 * Whether the line after the cursor is a bullet.
	 *
	 * @return bool
	 */
	private function next_line_is_bullet(): bool {
		$next = $this->cursor + 1;
		return $next < $this->line_count
			&& null !== self::bullet_text( rtrim( $this->lines[ $next ], self::WHITE_SPACE ) );
	}

	/**
	 * A list field whose bullets are still to be read.
	 *
	 * @param string $name      Its normalized name.
	 * @param int    $number    The line number of its field line.
	 * @param bool   $known     Whether the line is exactly a known list key.
	 * @param bool   $of_scalar Whether the line is exactly a known scalar key.
	 * @return array
	 */
	private static function open_field( string $name, int $number, bool $known, bool $of_scalar = false ): array {
		return [
			'name'      => $name,
			'line'      => $number,
			'known'     => $known,
			'of_scalar' => $of_scalar,
			'items'     => [], // [ line number, line, item text ].
		];
	}

	/**
	 * Sets a scalar field, typed.
	 *
	 * @param string $name   Its normalized name.
	 * @param string $value  Its value, trimmed.
	 * @param int    $number Its line number.
	 */
	private function set_scalar( string $name, string $value, int $number ): void {
		if ( isset( self::INTEGER_SCALARS[ $name ] ) ) {
			$value = $this->to_int( $value, $name, $number );
		}
		$this->warn_if_duplicate( $name, $number );
		$this->meta[ $name ] = $value;
	}

	/**
	 * Shapes a list field once all its bullets are read, and sets it.
	 *
	 * @param array $field The open field.
	 */
	private function close_field( array $field ): void {
		$name  = $field['name'];
		$known = $field['known'];
		if ( $known ) {
			$shape = self::LIST_FIELDS[ $name ];
		} else {
			$shape  = self::unknown_field_shape( $field['items'] );
			$format = $field['of_scalar'] ? 'scalar field %s has bullets; kept as a %s' : 'unknown field %s; kept as a %s';
			$this->warn( $field['line'], 'unknown_field', sprintf( $format, self::message_name( $name ), $shape ) );
		}
		$this->warn_if_duplicate( $name, $field['line'] );
		if ( self::SHAPE_MAP === $shape ) {
			$value = $this->build_map( $name, $field['items'], $known );
		} elseif ( self::SHAPE_OBJECTS === $shape ) {
			$value = $this->build_objects( $name, $field['items'] );
		} else {
			$value = array_column( $field['items'], 2 );
		}
		$this->meta[ $name ] = $value;
	}

	/**
	 * The shape of an unknown list field, read off its items.
	 *
	 * @param array[] $items [ line number, line, item text ] each.
	 * @return string One of the SHAPE_ constants.
	 */
	private static function unknown_field_shape( array $items ): string {
		$deep = true;
		foreach ( $items as [ , $line, $text ] ) {
			if ( null === self::split_key_value( $text ) ) {
				return self::SHAPE_LIST;
			}
			$deep = $deep && strspn( $line, ' ' ) >= 4;
		}
		return $deep ? self::SHAPE_OBJECTS : self::SHAPE_MAP;
	}

	/**
	 * Builds a map from "key: value" items; the later of two equal keys wins.
	 *
	 * @param string  $field Normalized field name.
	 * @param array[] $items [ line number, line, item text ] each.
	 * @param bool    $typed Whether values take the types the spec gives the
	 *                       known field (unknown fields keep strings).
	 * @return array
	 */
	private function build_map( string $field, array $items, bool $typed ): array {
		$map = [];
		foreach ( $items as [ $number, $line, $text ] ) {
			$pair = self::split_key_value( $text );
			if ( null === $pair ) {
				$this->keep_unparsed( $number, $line, sprintf( 'expected "key: value" in %s; kept in unparsed', self::message_name( $field ) ) );
				continue;
			}
			[ $key, $value ] = $pair;
			if ( $typed ) {
				$value = $this->type_map_value( $field, $key, $value, $number );
			}
			if ( array_key_exists( $key, $map ) ) {
				$this->warn( $number, 'duplicate_field', sprintf( '%s appears again; the later value wins', self::message_label( $field, $key ) ) );
			}
			$map[ $key ] = $value;
		}
		return $map;
	}

	/**
	 * Builds a list of objects from "key: value" items: a key already in the
	 * current object starts the next one.
	 *
	 * @param string  $field Normalized field name.
	 * @param array[] $items [ line number, line, item text ] each.
	 * @return array[]
	 */
	private function build_objects( string $field, array $items ): array {
		$objects = [];
		$object  = [];
		foreach ( $items as [ $number, $line, $text ] ) {
			$pair = self::split_key_value( $text );
			if ( null === $pair ) {
				$this->keep_unparsed( $number, $line, sprintf( 'expected "key: value" in %s; kept in unparsed', self::message_name( $field ) ) );
				continue;
			}
			[ $key, $value ] = $pair;
			if ( array_key_exists( $key, $object ) ) {
				$objects[] = $object;
				$object    = [];
			}
			$object[ $key ] = $value;
		}
		if ( $object ) {
			$objects[] = $object;
		}
		return $objects;
	}

	/**
	 * Gives a value of a known map the type the spec sets for it.
	 *
	 * @param string $field  Normalized field name.
	 * @param string $key    Normalized item key.
	 * @param string $value  The value, trimmed.
	 * @param int    $number Its line number.
	 * @return int|bool|string
	 */
	private function type_map_value( string $field, string $key, string $value, int $number ) {
		switch ( $field ) {
			case 'score':
				return $this->to_int( $value, self::message_label( $field, $key ), $number );
			case 'flags':
				return $this->to_bool( $value, self::message_label( $field, $key ), $number );
			case 'payload':
				if ( 'paragraphs' === $key || 'seed' === $key ) {
					return $this->to_int( $value, self::message_label( $field, $key ), $number );
				}
				return $value;
			case 'revision':
				if ( 'last_reviewed' === $key ) {
					$this->check_date( $value, self::message_label( $field, $key ), $number );
				}
				return $value;
			default:
				return $value;
		}
	}

	/**
	 * Splits an item at its first ": ", or at a final ":".
	 *
	 * @param string $item The item, trimmed.
	 * @return string[]|null [ normalized key, trimmed value ], or null when
	 *                       the item is not "key: value".
	 */
	private static function split_key_value( string $item ): ?array {
		$separator = strpos( $item, ': ' );
		if ( false !== $separator && $separator > 0 ) {
			return [
				self::normalize_name( substr( $item, 0, $separator ) ),
				trim( substr( $item, $separator + 2 ), self::WHITE_SPACE ),
			];
		}
		$length = strlen( $item );
		if ( $length > 1 && ':' === $item[ $length - 1 ] ) {
			return [ self::normalize_name( substr( $item, 0, -1 ) ), '' ];
		}
		return null;
	}

	/**
	 * Normalizes a field or key name: trimmed, ASCII lower case, each run of
	 * spaces and "-" turned into "_".
	 *
	 * @param string $text The name as written.
	 * @return string
	 */
	private static function normalize_name( string $text ): string {
		$name = strtolower( trim( $text, self::WHITE_SPACE ) );
		if ( false === strpos( $name, '-' ) && false === strpos( $name, '  ' ) ) {
			// Single spaces only, the common case: no run to collapse.
			return strtr( $name, ' ', '_' );
		}
		return preg_replace( '/[ -]+/', '_', $name );
	}

	/**
	 * Reads an integer: an optional "-" and ASCII digits that fit in a
	 * signed 64-bit integer.
	 *
	 * @param string $value  The value.
	 * @param string $label  F or F.K, for the warning.
	 * @param int    $number Its line number.
	 * @return int|string The integer, or the value with a bad_int warning.
	 */
	private function to_int( string $value, string $label, int $number ) {
		// Fast path: a value written the way PHP writes the integer.
		if ( (string) (int) $value === $value ) {
			return (int) $value;
		}
		$negative = str_starts_with( $value, '-' );
		$digits   = $negative ? substr( $value, 1 ) : $value;
		if ( '' !== $digits && strspn( $digits, self::DIGITS ) === strlen( $digits ) ) {
			$significant = ltrim( $digits, '0' );
			$limit       = $negative ? '9223372036854775808' : '9223372036854775807';
			// Same length, so comparing the strings compares the numbers.
			if ( strlen( $significant ) < 19 || ( 19 === strlen( $significant ) && strcmp( $significant, $limit ) <= 0 ) ) {
				return (int) ( $negative ? '-' . $significant : $significant );
			}
		}
		$this->warn( $number, 'bad_int', sprintf( '%s is not an integer; kept as a string', $label ) );
		return $value;
	}

	/**
	 * Reads a boolean: 1/0, true/false, yes/no, in any ASCII case.
	 *
	 * @param string $value  The value.
	 * @param string $label  F.K, for the warning.
	 * @param int    $number Its line number.
	 * @return bool|string The boolean, or the value with a bad_bool warning.
	 */
	private function to_bool( string $value, string $label, int $number ) {
		// match compares strictly: switch would take "01" for "1".
		$boolean = match ( strtolower( $value ) ) {
			'1', 'true', 'yes' => true,
			'0', 'false', 'no' => false,
			default => null,
		};
		if ( null !== $boolean ) {
			return $boolean;
		}
		$this->warn( $number, 'bad_bool', sprintf( '%s is not a boolean; kept as a string', $label ) );
		return $value;
	}

	/**
	 * Warns unless a value is a YYYY-MM-DD date naming a real day.
	 *
	 * @param string $value  The value, kept as it is either way.
	 * @param string $label  F.K, for the warning.
	 * @param int    $number Its line number.
	 */
	private function check_date( string $value, string $label, int $number ): void {
		if ( 10 === strlen( $value ) && '-' === $value[4] && '-' === $value[7]
			&& 4 === strspn( $value, self::DIGITS, 0, 4 )
			&& 2 === strspn( $value, self::DIGITS, 5, 2 )
			&& 2 === strspn( $value, self::DIGITS, 8, 2 ) ) {
			$year = (int) substr( $value, 0, 4 );
			if ( $year >= 1 && checkdate( (int) substr( $value, 5, 2 ), (int) substr( $value, 8, 2 ), $year ) ) {
				return;
			}
		}
		$this->warn( $number, 'bad_date', sprintf( '%s is not a YYYY-MM-DD date; kept as it is', $label ) );
	}

	/**
	 * Warns when a meta field is set a second time.
	 *
	 * @param string $name   Normalized field name.
	 * @param int    $number The line number of the later field.
	 */
	private function warn_if_duplicate( string $name, int $number ): void {
		if ( array_key_exists( $name, $this->meta ) ) {
			$this->warn( $number, 'duplicate_field', sprintf( '%s appears again; the later value wins', self::message_name( $name ) ) );
		}
	}

	/**
	 * Keeps a meta line in unparsed, with a warning, so that nothing in the
	 * file is dropped without a trace.
	 *
	 * @param int    $number  Its line number.
	 * @param string $line    The line, trailing white space dropped.
	 * @param string $message The warning's message.
	 */
	private function keep_unparsed( int $number, string $line, string $message ): void {
		// Unparsed lines come in line order: the first ones are kept.
		if ( $this->unparsed_made++ < self::MAX_UNPARSED ) {
			$this->unparsed[] = [
				'line' => $number,
				'text' => $line,
			];
		}
		$this->warn( $number, 'unparsed_line', $message );
	}

	/*
	 * Similar posts, and what the body takes from the meta.
	 */

	/**
	 * Reads the titles after the trailer marker: every non-blank line,
	 * trimmed, or a bullet's text.
	 */
	private function read_similar(): void {
		for ( ; $this->cursor < $this->line_count; ++$this->cursor ) {
			$line = rtrim( $this->lines[ $this->cursor ], self::WHITE_SPACE );
			if ( '' !== $line ) {
				$this->similar[] = self::bullet_text( $line ) ?? ltrim( $line, self::WHITE_SPACE );
			}
		}
	}

	/**
	 * Sets the language of every code block from the final meta.code_language.
	 */
	private function resolve_code_language(): void {
		$language = $this->meta['code_language'] ?? null;
		if ( ! is_string( $language ) || '' === $language ) {
			return;
		}
		foreach ( $this->blocks as $index => $block ) {
			if ( 'code' === $block['type'] ) {
				$this->blocks[ $index ]['language'] = $language;
			}
		}
	}

	/**
	 * Sets each image's url from the first object of the final
	 * meta.image_sources whose caption is the image's alt text.
	 */
	private function resolve_image_urls(): void {
		$sources = $this->meta['image_sources'] ?? [];
		if ( ! $sources ) {
			return;
		}
		// Caption => url of the first object with that caption, built once:
		// a file with many images and sources is not searched quadratically.
		$url_by_caption = [];
		foreach ( $sources as $source ) {
			if ( isset( $source['caption'] ) && ! array_key_exists( $source['caption'], $url_by_caption ) ) {
				$url_by_caption[ $source['caption'] ] = $source['url'] ?? null;
			}
		}
		foreach ( $this->blocks as $index => $block ) {
			if ( 'image' === $block['type'] && array_key_exists( $block['alt'], $url_by_caption ) ) {
				$this->blocks[ $index ]['url'] = $url_by_caption[ $block['alt'] ];
			}
		}
	}

	/*
	 * Warnings and errors.
	 */

	/**
	 * A name as a warning quotes it: cut after MESSAGE_NAME_BYTES bytes, at
	 * the start of a UTF-8 sequence, and marked with "…", since a name can
	 * be a whole line of megabytes that each warning about it would copy.
	 *
	 * @param string $name A normalized name, valid UTF-8.
	 * @return string
	 */
	private static function message_name( string $name ): string {
		if ( strlen( $name ) <= self::MESSAGE_NAME_BYTES ) {
			return $name;
		}
		$cut = self::MESSAGE_NAME_BYTES;
		while ( $cut > 0 && 0x80 === ( ord( $name[ $cut ] ) & 0xC0 ) ) {
			--$cut;
		}
		return substr( $name, 0, $cut ) . "\u{2026}";
	}

	/**
	 * "F.K" as a warning quotes a field and an item key.
	 *
	 * @param string $field Normalized field name.
	 * @param string $key   Normalized item key.
	 * @return string
	 */
	private static function message_label( string $field, string $key ): string {
		return self::message_name( $field ) . '.' . self::message_name( $key );
	}

	/**
	 * Records a warning, unless MAX_WARNINGS others come before it in line
	 * order: then it is only counted.
	 *
	 * @param int    $number  Line number.
	 * @param string $code    Warning code.
	 * @param string $message Warning message.
	 */
	private function warn( int $number, string $code, string $message ): void {
		$warning = [ $number, $this->warnings_made++, $code, $message ];
		if ( count( $this->warnings ) === 2 * self::MAX_WARNINGS ) {
			$this->trim_warnings();
		}
		if ( null !== $this->warnings_cutoff && self::compare_warnings( $warning, $this->warnings_cutoff ) > 0 ) {
			$this->note_dropped_line( $number );
			return;
		}
		$this->warnings[] = $warning;
	}

	/**
	 * Orders warnings by line, then by the order they were made (so, on one
	 * line, invalid_utf8 first: the text layer is read first).
	 *
	 * @param array $a A held warning.
	 * @param array $b Another.
	 * @return int
	 */
	private static function compare_warnings( array $a, array $b ): int {
		return [ $a[0], $a[1] ] <=> [ $b[0], $b[1] ];
	}

	/**
	 * Sorts the held warnings and keeps the first MAX_WARNINGS.
	 */
	private function trim_warnings(): void {
		usort( $this->warnings, [ self::class, 'compare_warnings' ] );
		if ( count( $this->warnings ) <= self::MAX_WARNINGS ) {
			return;
		}
		$this->note_dropped_line( $this->warnings[ self::MAX_WARNINGS ][0] );
		$this->warnings        = array_slice( $this->warnings, 0, self::MAX_WARNINGS );
		$this->warnings_cutoff = $this->warnings[ self::MAX_WARNINGS - 1 ];
	}

	/**
	 * Remembers the line of a warning left out, when it is the first so far.
	 *
	 * @param int $number Its line number.
	 */
	private function note_dropped_line( int $number ): void {
		if ( 0 === $this->first_dropped_line || $number < $this->first_dropped_line ) {
			$this->first_dropped_line = $number;
		}
	}

	/**
	 * The warnings kept, in line order, then, when some were left out, one
	 * warning too_many_warnings on the line of the first left out.
	 *
	 * @return array[]
	 */
	private function sorted_warnings(): array {
		$this->trim_warnings();
		$warnings = [];
		foreach ( $this->warnings as [ $number, , $code, $message ] ) {
			$warnings[] = [
				'line'    => $number,
				'code'    => $code,
				'message' => $message,
			];
		}
		if ( $this->warnings_made > count( $warnings ) ) {
			// Each unparsed line has a warning of its own, so unparsed lines
			// are left out only when warnings are too: one warning tells both.
			$warnings[] = [
				'line'    => $this->first_dropped_line,
				'code'    => 'too_many_warnings',
				'message' => sprintf(
					'%d more warnings and %d more unparsed lines left out; only the first %d of each are kept',
					$this->warnings_made - count( $warnings ),
					max( 0, $this->unparsed_made - self::MAX_UNPARSED ),
					self::MAX_WARNINGS
				),
			];
		}
		return $warnings;
	}

	/**
	 * The error for an input over max_bytes.
	 *
	 * @param int $size      The input's size in bytes.
	 * @param int $max_bytes The option max_bytes.
	 * @return ParseException
	 */
	private function too_large_error( int $size, int $max_bytes ): ParseException {
		return $this->error( 1, sprintf( 'input is %d bytes; expected at most max_bytes (%d)', $size, $max_bytes ) );
	}

	/**
	 * The error for a NUL byte.
	 *
	 * @param int $number Line number.
	 * @param int $column 1-based byte column in the line.
	 * @return ParseException
	 */
	private function nul_error( int $number, int $column ): ParseException {
		return $this->error( $number, sprintf( 'NUL byte at column %d; expected UTF-8 text', $column ) );
	}

	/**
	 * A parse error about a line of this input.
	 *
	 * @param int    $number Line number.
	 * @param string $reason What is wrong and what was expected.
	 * @return ParseException
	 */
	private function error( int $number, string $reason ): ParseException {
		return new ParseException( $this->path, $number, $reason );
	}
}

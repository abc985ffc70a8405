<?php
/**
 * The exception thrown for an ANP file that cannot be parsed.
 *
 * The anp C extension declares the same class. When the extension is loaded
 * its class wins, so that code catching Anp\ParseException catches the errors
 * of both parsers; this declaration only fills in when it is missing.
 *
 * @package anp-importer
 */

namespace Anp;

if ( ! class_exists( '\Anp\ParseException', false ) ) {

	/**
	 * An ANP input that is not a parseable post: empty, no title, a NUL byte,
	 * invalid UTF-8, too large or unreadable.
	 *
	 * The message is "PATH:LINE: reason". getLine() stays PHP's own (the line
	 * of PHP source that threw), so the line of the input has a getter of its
	 * own, and so has the reason, for callers that name the input their own
	 * way. The getters are camelCase to match RuntimeException's and the C
	 * extension's.
	 */
	class ParseException extends \RuntimeException {

		/**
		 * The path as given, or "input" for a string.
		 *
		 * @var string
		 */
		private string $path;

		/**
		 * The 1-based line of the input the error is about.
		 *
		 * @var int
		 */
		private int $inputLine; // phpcs:ignore WordPress.NamingConventions.ValidVariableName -- same name as the C extension's property.

		/**
		 * What was wrong and what was expected: the message without "PATH:LINE: ".
		 *
		 * @var string
		 */
		private string $reason;

		/**
		 * Builds the message "PATH:LINE: reason".
		 *
		 * @param string          $path       The path as given, or "input" for a string.
		 * @param int             $inputLine  The 1-based line of the input (named as in the C extension, for named arguments).
		 * @param string          $reason     What is wrong and what was expected.
		 * @param \Throwable|null $previous   The cause, if any.
		 */
		public function __construct( string $path, int $inputLine, string $reason, ?\Throwable $previous = null ) {
			parent::__construct( $path . ':' . $inputLine . ': ' . $reason, 0, $previous ); // phpcs:ignore WordPress.NamingConventions.ValidVariableName
			$this->path      = $path;
			$this->inputLine = $inputLine; // phpcs:ignore WordPress.NamingConventions.ValidVariableName
			$this->reason    = $reason;
		}

		/**
		 * The path of the input, or "input" for a string.
		 *
		 * @return string
		 */
		public function getPath(): string { // phpcs:ignore WordPress.NamingConventions.ValidFunctionName
			return $this->path;
		}

		/**
		 * The 1-based line of the input the error is about.
		 *
		 * @return int
		 */
		public function getInputLine(): int { // phpcs:ignore WordPress.NamingConventions.ValidFunctionName
			return $this->inputLine; // phpcs:ignore WordPress.NamingConventions.ValidVariableName
		}

		/**
		 * What was wrong and what was expected: the message without its
		 * "PATH:LINE: " prefix.
		 *
		 * @return string
		 */
		public function getReason(): string { // phpcs:ignore WordPress.NamingConventions.ValidFunctionName
			return $this->reason;
		}
	}
}

<?php
/**
 * The exception thrown for a value or a target the WXR writer cannot write.
 *
 * The anp C extension declares the same class. When the extension is loaded
 * its class wins, so that code catching Anp\WxrException catches the errors
 * of both writers; this declaration only fills in when it is missing.
 *
 * @package anp-importer
 */

namespace Anp;

if ( ! class_exists( '\Anp\WxrException', false ) ) {

	/**
	 * A string that is not valid UTF-8 ("invalid UTF-8 in content at byte 12"),
	 * or a target that cannot be opened or written (field "target").
	 *
	 * The extension's class has RuntimeException's constructor and a public
	 * $field, so this one has too: a thrower sets $field after new.
	 */
	class WxrException extends \RuntimeException {

		/**
		 * What the error is about: "content", "meta[2].value",
		 * "comments[0].content", "channel.title", "target"…
		 *
		 * @var string
		 */
		public string $field = '';
	}
}

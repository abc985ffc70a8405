/**
 * What the plugin's wp-admin pages (the importer, the batches) draw alike:
 * elements holding text, admin notices, and the progress bar that screen
 * readers announce. Values go into the page as text (textContent), never
 * as markup.
 *
 * @package anp-importer
 */
window.anpAdminUi = ( function () {
	'use strict';

	const $ = ( id ) => document.getElementById( id );

	/** An element, with text in it and a class when given. */
	function element( tag, text, className ) {
		const node = document.createElement( tag );
		if ( undefined !== text ) {
			node.textContent = String( text );
		}
		if ( className ) {
			node.className = className;
		}
		return node;
	}

	/** A paragraph of text in an admin notice (kind: success, warning, error, info). */
	function notice( kind, text ) {
		const box = element( 'div', undefined, 'notice notice-' + kind );
		box.appendChild( element( 'p', text ) );
		$( 'anp-notices' ).appendChild( box );
	}

	/** Done of total in whole percent, 100 for nothing to do. */
	function percent( done, total ) {
		return total ? Math.min( 100, Math.floor( ( 100 * done ) / total ) ) : 100;
	}

	/**
	 * The bar at done of total, under a title; `text` says it in words
	 * (also what a screen reader reads for the value).
	 */
	function progress( done, total, title, text ) {
		$( 'anp-progress-box' ).hidden = false;
		$( 'anp-progress-title' ).textContent = title;
		const bar = $( 'anp-progress' );
		bar.setAttribute( 'aria-valuenow', String( percent( done, total ) ) );
		bar.setAttribute( 'aria-valuetext', text );
		bar.firstElementChild.style.width = percent( done, total ) + '%';
		$( 'anp-progress-text' ).textContent = text;
	}

	/** The message of a failed apiFetch(). */
	function reason( error ) {
		return ( error && error.message ) || wp.i18n.__( 'The request failed.', 'anp-importer' );
	}

	return { $, element, notice, percent, progress, reason };
}() );

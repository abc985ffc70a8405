/**
 * Tools → ANP batches: lists the last import batches from
 * GET /anp/v1/batches and rolls one back, after a confirmation, a step (a
 * request) at a time with a progress bar. Every value goes into the page as
 * text.
 *
 * @package anp-importer
 */
( function () {
	'use strict';

	const { __, _n, sprintf } = wp.i18n;
	const apiFetch = wp.apiFetch;
	const ui = window.anpAdminUi;
	const { $, element, notice, reason } = ui;

	const STATUSES = {
		running: __( 'not finished', 'anp-importer' ),
		finished: __( 'imported', 'anp-importer' ),
		rolling_back: __( 'rollback not finished', 'anp-importer' ),
		rolled_back: __( 'rolled back', 'anp-importer' ),
		rollback_failed: __( 'rollback failed for some posts', 'anp-importer' ),
	};

	function progress( done, total, title ) {
		// translators: 1: posts done, 2: all the batch's posts, 3: the percent done.
		ui.progress( done, total, title, sprintf( _n( '%1$d of %2$d post (%3$d%%)', '%1$d of %2$d posts (%3$d%%)', total, 'anp-importer' ), Math.min( done, total ), total, ui.percent( done, total ) ) );
	}

	async function rollback( batch ) {
		// translators: %s: the batch's id.
		if ( ! window.confirm( sprintf( __( 'Roll back batch %s? Its new posts are deleted and the posts it updated are put back as they were.', 'anp-importer' ), batch.id ) ) ) {
			return;
		}
		document.querySelectorAll( '.anp-rollback' ).forEach( ( button ) => ( button.disabled = true ) );
		// translators: %s: the batch's id.
		const title = sprintf( __( 'Rolling back batch %s', 'anp-importer' ), batch.id );
		const totals = { deleted: 0, restored: 0, failed: 0 };
		const failures = [];
		let below = null;
		progress( 0, batch.changes, title );
		try {
			for ( ;; ) {
				const step = await apiFetch( { path: '/anp/v1/batches/' + encodeURIComponent( batch.id ) + '/rollback', method: 'POST', data: { below } } );
				Object.keys( totals ).forEach( ( key ) => ( totals[ key ] += step[ key ] ) );
				failures.push( ...step.failures );
				progress( totals.deleted + totals.restored + totals.failed, batch.changes, title );
				if ( step.done ) {
					break;
				}
				below = step.next;
			}
			progress( batch.changes, batch.changes, title );
			// translators: 1: the batch's id, 2: posts deleted, 3: posts put back as they were, 4: posts that failed.
			notice( totals.failed ? 'warning' : 'success', sprintf( __( 'Batch %1$s rolled back: %2$d posts deleted, %3$d put back, %4$d failed.', 'anp-importer' ), batch.id, totals.deleted, totals.restored, totals.failed ) );
			failures.forEach( ( text ) => notice( 'error', text ) );
		} catch ( error ) {
			notice( 'error', reason( error ) );
		}
		await list();
	}

	async function list() {
		const rows = $( 'anp-batches-rows' );
		let answer;
		try {
			answer = await apiFetch( { path: '/anp/v1/batches' } );
		} catch ( error ) {
			rows.replaceChildren();
			notice( 'error', reason( error ) );
			return;
		}
		rows.replaceChildren();
		if ( ! answer.batches.length ) {
			const row = element( 'tr' );
			const cell = element( 'td', __( 'No import yet.', 'anp-importer' ) );
			cell.colSpan = 7;
			row.appendChild( cell );
			rows.appendChild( row );
		}
		answer.batches.forEach( ( batch ) => {
			const row = element( 'tr' );
			row.dataset.batch = batch.id;
			row.appendChild( element( 'td', batch.id ) );
			row.appendChild( element( 'td', batch.started + ' UTC' ) );
			row.appendChild( element( 'td', batch.user ) );
			const rest = batch.files - batch.names.length;
			// translators: %d: how many more files the batch has.
			const more = rest > 0 ? ' ' + sprintf( _n( 'and %d more', 'and %d more', rest, 'anp-importer' ), rest ) : '';
			row.appendChild( element( 'td', batch.names.join( ', ' ) + more ) );
			// A batch of WP-CLI keeps what it created and updated; one of wp-admin every count.
			const names = { created: __( 'created', 'anp-importer' ), updated: __( 'updated', 'anp-importer' ), skipped: __( 'skipped', 'anp-importer' ), failed: __( 'failed', 'anp-importer' ) };
			row.appendChild( element( 'td', Object.keys( names ).filter( ( key ) => undefined !== batch.counts[ key ] ).map( ( key ) => batch.counts[ key ] + ' ' + names[ key ] ).join( ', ' ) ) );
			const status = element( 'td', STATUSES[ batch.status ] || batch.status );
			if ( batch.groups ) {
				// translators: 1: groups of files written, 2: the batch's groups.
				status.appendChild( element( 'div', sprintf( __( '%1$d of %2$d groups written', 'anp-importer' ), batch.groups[ 0 ], batch.groups[ 1 ] ) ) );
			}
			if ( batch.workers.length ) {
				// translators: %s: the workers, each a host name and a process id.
				status.appendChild( element( 'div', sprintf( _n( 'Worker: %s', 'Workers: %s', batch.workers.length, 'anp-importer' ), batch.workers.join( ', ' ) ) ) );
			}
			row.appendChild( status );
			const actions = element( 'td' );
			if ( 'rolled_back' !== batch.status && batch.changes > 0 ) {
				const button = element( 'button', __( 'Roll back', 'anp-importer' ), 'button anp-rollback' );
				button.type = 'button';
				button.addEventListener( 'click', () => rollback( batch ) );
				actions.appendChild( button );
			}
			row.appendChild( actions );
			rows.appendChild( row );
		} );
	}

	list();
}() );

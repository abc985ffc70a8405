/**
 * Tools → Import → ANP files: sends the chosen files to the REST routes of
 * Anp_Rest_Uploads, runs the dry run and the import a step (a request) at a
 * time, and draws the progress and the results. Every value from the
 * server or the browser (file names, titles, reasons) goes into the page as
 * text (textContent), never as markup.
 *
 * @package anp-importer
 */
( function () {
	'use strict';

	const { __, _n, sprintf } = wp.i18n;
	const apiFetch = wp.apiFetch;
	const config = window.anpImporter || {};
	const ui = window.anpAdminUi;
	const { $, element, notice, reason } = ui;

	// What each outcome is called, after the import and in a dry run.
	const ACTIONS = {
		import: {
			created: __( 'created', 'anp-importer' ),
			updated: __( 'updated', 'anp-importer' ),
			skipped: __( 'skipped (unchanged)', 'anp-importer' ),
			done: __( 'done before', 'anp-importer' ),
			failed: __( 'failed', 'anp-importer' ),
		},
		plan: {
			created: __( 'would be created', 'anp-importer' ),
			updated: __( 'would be updated', 'anp-importer' ),
			skipped: __( 'would be skipped (unchanged)', 'anp-importer' ),
			done: __( 'done before', 'anp-importer' ),
			failed: __( 'would fail', 'anp-importer' ),
		},
	};

	let chosen = [];

	function choose( files ) {
		chosen = Array.from( files );
		const bytes = chosen.reduce( ( sum, file ) => sum + file.size, 0 );
		$( 'anp-chosen' ).textContent = chosen.length
			// translators: 1: how many files, 2: their size in KB.
			? sprintf( _n( '%1$d file chosen (%2$s KB)', '%1$d files chosen (%2$s KB)', chosen.length, 'anp-importer' ), chosen.length, Math.ceil( bytes / 1024 ) )
			: '';
		$( 'anp-start' ).disabled = 0 === chosen.length;
	}

	const sleep = ( ms ) => new Promise( ( resolve ) => setTimeout( resolve, ms ) );

	/**
	 * Sends the files in requests of at most maxFiles files and maxUploadBytes bytes.
	 */
	async function send( id ) {
		let batch = [];
		let bytes = 0;
		let sent = 0;
		const flush = async () => {
			if ( ! batch.length ) {
				return;
			}
			const body = new FormData();
			batch.forEach( ( file ) => body.append( 'files[]', file, file.name ) );
			let answer;
			try {
				answer = await apiFetch( { path: '/anp/v1/uploads/' + id + '/files', method: 'POST', body } );
			} catch ( error ) {
				answer = error.data && error.data.refused ? error.data : null;
				if ( ! answer ) {
					( error.refused || [ reason( error ) ] ).forEach( ( text ) => notice( 'error', text ) );
				}
			}
			if ( answer ) {
				( answer.refused || [] ).forEach( ( text ) => notice( 'error', text ) );
			}
			sent += batch.length;
			progress( sent, chosen.length, __( 'Uploading', 'anp-importer' ) );
			batch = [];
			bytes = 0;
		};
		for ( const file of chosen ) {
			if ( batch.length && ( batch.length >= config.maxFiles || bytes + file.size > config.maxUploadBytes * 0.9 ) ) {
				await flush();
			}
			batch.push( file );
			bytes += file.size;
		}
		await flush();
	}

	function progress( done, total, title, extra ) {
		// translators: 1: files done, 2: all the files, 3: the percent done.
		const text = sprintf( _n( '%1$d of %2$d file (%3$d%%)', '%1$d of %2$d files (%3$d%%)', total, 'anp-importer' ), done, total, ui.percent( done, total ) );
		ui.progress( done, total, title, text + ( extra ? ' · ' + extra : '' ) );
	}

	function counts( pass, passName ) {
		const list = $( 'anp-counts' );
		list.replaceChildren();
		Object.keys( ACTIONS[ passName ] ).forEach( ( action ) => {
			const n = ( pass.counts || {} )[ action ] || 0;
			if ( n || 'done' !== action ) {
				list.appendChild( element( 'li', sprintf( '%s: %d', ACTIONS[ passName ][ action ], n ), 'anp-count-' + action ) );
			}
		} );
	}

	/**
	 * Runs a pass step by step until it is through. A busy answer (409:
	 * another tab, another import) waits and tries again; a failure of the
	 * server (503) is tried again three times, then the page stops and says
	 * why (what was committed stays; opening the page again resumes).
	 */
	async function run( id, passName, title ) {
		let state;
		let failures = 0;
		for ( ;; ) {
			try {
				state = await apiFetch( { path: '/anp/v1/uploads/' + id + '/step', method: 'POST', data: { pass: passName } } );
				failures = 0;
			} catch ( error ) {
				const status = error.data && error.data.status;
				if ( 409 === status || ( 503 === status && ++failures <= 3 ) ) {
					$( 'anp-progress-text' ).textContent = reason( error );
					await sleep( 409 === status ? 2000 : 5000 );
					continue;
				}
				throw error;
			}
			const pass = state.passes[ passName ] || { done: 0, seconds: 0, counts: {} };
			const rate = pass.seconds > 0 ? pass.done / pass.seconds : 0;
			const left = rate > 0 ? Math.ceil( ( state.total - pass.done ) / rate ) : 0;
			// translators: 1: files a second, 2: seconds left.
			progress( pass.done, state.total, title, rate ? sprintf( __( '%1$s files/s, about %2$d s left', 'anp-importer' ), rate.toFixed( 1 ), left ) : '' );
			counts( pass, passName );
			if ( pass.done >= state.total ) {
				return state;
			}
		}
	}

	function results( state, passName ) {
		const pass = state.passes[ passName ];
		$( 'anp-results' ).hidden = false;
		$( 'anp-results-title' ).textContent = 'plan' === passName
			? __( 'Dry run: what the import would do', 'anp-importer' )
			: __( 'Import finished', 'anp-importer' );
		const rows = $( 'anp-results-rows' );
		rows.replaceChildren();
		// Failures first: they are what an admin reads.
		const files = pass.files.slice().sort( ( a, b ) => ( 'failed' === b.action ) - ( 'failed' === a.action ) );
		files.forEach( ( file ) => {
			const row = document.createElement( 'tr' );
			row.className = 'anp-outcome-' + file.action;
			row.appendChild( element( 'td', file.name ) );
			row.appendChild( element( 'td', ACTIONS[ passName ][ file.action ] || file.action ) );
			const cell = document.createElement( 'td' );
			if ( 'failed' === file.action ) {
				cell.textContent = sprintf( '%s:%d: %s', file.name, file.line, file.reason );
			} else if ( file.post ) {
				const link = element( 'a', file.post.title || '#' + file.post.id );
				link.href = file.post.edit || file.post.link;
				cell.appendChild( link );
			}
			row.appendChild( cell );
			rows.appendChild( row );
		} );
	}

	async function importNow( id ) {
		$( 'anp-results-actions' ).replaceChildren();
		const state = await run( id, 'import', __( 'Importing', 'anp-importer' ) );
		results( state, 'import' );
		const batches = element( 'a', __( 'All batches, and rollback', 'anp-importer' ) );
		batches.href = config.batchesUrl;
		$( 'anp-results-actions' ).replaceChildren( batches );
		const failed = state.passes.import.counts.failed || 0;
		notice( failed ? 'warning' : 'success', failed
			// translators: %d: how many files failed.
			? sprintf( _n( 'Import finished: %d file failed; the others are in.', 'Import finished: %d files failed; the others are in.', failed, 'anp-importer' ), failed )
			: __( 'Import finished.', 'anp-importer' ) );
	}

	async function planThenImport( id, dryRun ) {
		if ( ! dryRun ) {
			return importNow( id );
		}
		const state = await run( id, 'plan', __( 'Dry run', 'anp-importer' ) );
		results( state, 'plan' );
		const go = element( 'button', __( 'Import now', 'anp-importer' ), 'button button-primary' );
		go.type = 'button';
		go.id = 'anp-import-now';
		go.addEventListener( 'click', () => {
			go.disabled = true;
			importNow( id ).catch( ( error ) => notice( 'error', reason( error ) ) );
		} );
		$( 'anp-results-actions' ).replaceChildren( go );
	}

	async function start( event ) {
		event.preventDefault();
		$( 'anp-start' ).disabled = true;
		$( 'anp-upload-form' ).hidden = true;
		$( 'anp-resume' ).hidden = true;
		try {
			const upload = await apiFetch( { path: '/anp/v1/uploads', method: 'POST', data: { status: $( 'anp-status' ).value } } );
			await send( upload.id );
			const state = await apiFetch( { path: '/anp/v1/uploads/' + upload.id } );
			if ( ! state.total ) {
				notice( 'error', __( 'No file was taken: nothing to import.', 'anp-importer' ) );
				$( 'anp-upload-form' ).hidden = false;
				await apiFetch( { path: '/anp/v1/uploads/' + upload.id, method: 'DELETE' } ).catch( () => {} );
				return;
			}
			await planThenImport( upload.id, $( 'anp-dry-run' ).checked );
		} catch ( error ) {
			notice( 'error', reason( error ) );
		}
	}

	async function resume() {
		$( 'anp-resume' ).hidden = true;
		$( 'anp-upload-form' ).hidden = true;
		try {
			const state = await apiFetch( { path: '/anp/v1/uploads/' + config.resume } );
			if ( 'importing' === state.phase || 'planned' === state.phase ) {
				if ( 'planned' === state.phase ) {
					results( state, 'plan' );
				}
				await importNow( config.resume );
			} else {
				await planThenImport( config.resume, true );
			}
		} catch ( error ) {
			notice( 'error', reason( error ) );
		}
	}

	function init() {
		const drop = $( 'anp-drop' );
		$( 'anp-files' ).addEventListener( 'change', ( event ) => choose( event.target.files ) );
		drop.addEventListener( 'dragover', ( event ) => {
			event.preventDefault();
			drop.classList.add( 'is-over' );
		} );
		drop.addEventListener( 'dragleave', () => drop.classList.remove( 'is-over' ) );
		drop.addEventListener( 'drop', ( event ) => {
			event.preventDefault();
			drop.classList.remove( 'is-over' );
			choose( event.dataTransfer.files );
		} );
		$( 'anp-upload-form' ).addEventListener( 'submit', start );
		if ( config.resume ) {
			$( 'anp-resume' ).hidden = false;
			$( 'anp-resume-text' ).textContent = __( 'An upload of yours was not imported to the end.', 'anp-importer' ) + ' ';
			$( 'anp-resume-button' ).addEventListener( 'click', resume );
			$( 'anp-resume-discard' ).addEventListener( 'click', async () => {
				$( 'anp-resume' ).hidden = true;
				try {
					// Refused once its import has begun: that batch is resumed or rolled back.
					await apiFetch( { path: '/anp/v1/uploads/' + config.resume, method: 'DELETE' } );
				} catch ( error ) {
					notice( 'warning', reason( error ) );
				}
			} );
		}
	}

	init();
}() );

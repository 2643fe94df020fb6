// The reconciliation panel: shows GET /api/reconciliation/last every 10 s, runs a check on demand
// (GET /api/reconciliation), and re-delivers a missing event (POST /api/reconciliation/redeliver,
// confirmed, audited by the monitor). Uses the ops token status.js keeps for this tab; shows nothing
// without one. All data goes through textContent.
(function () {
	'use strict';

	var POLL_MS = 10000;
	var TOKEN_KEY = 'pipeline-monitor.token';

	function token() {
		return window.sessionStorage.getItem(TOKEN_KEY);
	}

	function headers(extra) {
		var result = extra || {};
		result.Authorization = 'Bearer ' + token();
		return result;
	}

	function el(tag, attrs, children) {
		var node = document.createElement(tag);
		Object.keys(attrs || {}).forEach(function (key) {
			if (key === 'text') {
				node.textContent = attrs[key];
			} else {
				node.setAttribute(key, attrs[key]);
			}
		});
		(children || []).forEach(function (child) { node.appendChild(child); });
		return node;
	}

	function status(text, error) {
		var node = document.getElementById('reconciliation-status');
		node.className = error ? 'note error' : 'note';
		node.textContent = text;
	}

	function clear() {
		document.getElementById('reconciliation-report').replaceChildren();
		document.getElementById('redeliveries').replaceChildren();
		status('');
	}

	// Resolves to the JSON body, or rejects with the problem's detail.
	function call(path, options) {
		return fetch(path, options).then(function (response) {
			return response.text().then(function (text) {
				var body = {};
				try { body = JSON.parse(text); } catch (ignored) { body = { detail: text }; }
				if (!response.ok) {
					var error = new Error('HTTP ' + response.status + ': ' + (body.detail || body.title || text));
					error.status = response.status;
					error.title = body.title;
					throw error;
				}
				return body;
			});
		});
	}

	function redeliver(group, missing, button, output) {
		if (!window.confirm('Re-deliver event ' + missing.eventId + ' (' + missing.type + ') to ' + group
				+ "'s retry path?")) {
			return;
		}
		button.disabled = true;
		output.className = 'replay-output';
		output.textContent = 're-delivering…';
		call('api/reconciliation/redeliver', {
			method: 'POST',
			headers: headers({ 'Content-Type': 'application/json', 'X-Pipeline-Monitor': 'redeliver' }),
			body: JSON.stringify({ group: group, partition: missing.partition, offset: missing.offset,
				eventId: missing.eventId })
		}).then(function (audit) {
			output.textContent = 're-delivered as ' + audit.target + '; check again to confirm';
			loadRedeliveries();
		}).catch(function (error) {
			output.className = 'replay-output error';
			output.textContent = error.message;
			button.disabled = false;
		});
	}

	function renderConsumer(consumer) {
		var rows = consumer.missing.map(function (missing) {
			var output = el('span', { 'class': 'replay-output' });
			var button = el('button', { type: 'button', text: 'Re-deliver' });
			button.addEventListener('click', function () { redeliver(consumer.group, missing, button, output); });
			return el('tr', { 'data-event': missing.eventId || '' }, [
				el('td', { text: missing.eventId || '(no valid ce_id)' }),
				el('td', { text: missing.type || '' }),
				el('td', { text: missing.subject || '' }),
				el('td', { text: missing.partition + '@' + missing.offset }),
				el('td', {}, [button, el('span', { text: ' ' }), output])
			]);
		});
		var children = [
			el('h3', {}, [
				el('span', { text: consumer.group }),
				el('span', { 'class': 'status status-' + (consumer.missingCount > 0 ? 'stalled' : 'ok'),
					text: consumer.missingCount > 0 ? consumer.missingCount + ' missing' : 'complete' })
			]),
			el('p', { 'class': 'reconciliation-counts', text: 'published ' + consumer.published + ', applied '
				+ consumer.applied + ', dead-lettered ' + consumer.deadLettered + ', pending ' + consumer.pending
				+ (consumer.purged > 0 ? ', purged from the inbox (retention) ' + consumer.purged : '')
				+ ', missing ' + consumer.missingCount })
		];
		if (rows.length > 0) {
			children.push(el('table', {}, [
				el('thead', {}, [el('tr', {}, ['event', 'type', 'order', 'at', ''].map(function (h) {
					return el('th', { text: h });
				}))]),
				el('tbody', {}, rows)
			]));
		}
		return el('div', { 'class': 'group', 'data-reconciled-group': consumer.group }, children);
	}

	function render(result) {
		status('Checked ' + result.checkedAt + ' (' + result.trigger + ', ' + result.tookMillis + ' ms), orders from '
			+ result.from + ' to ' + result.to + ': ' + (result.holds ? 'every invariant holds'
			: result.violations + ' violation(s)') + (result.pending > 0 ? ', ' + result.pending + ' pending' : ''),
			!result.holds);
		var broken = result.invariants.filter(function (invariant) { return invariant.violationCount > 0; });
		var children = result.consumers.map(renderConsumer);
		if (broken.length > 0) {
			children.push(el('ul', { 'class': 'error' }, broken.map(function (invariant) {
				return el('li', { text: invariant.name + ': ' + invariant.violationCount + ' violation(s)'
					+ (invariant.violations.length > 0 ? ', e.g. ' + invariant.violations[0].id + ' '
					+ invariant.violations[0].detail : '') });
			})));
		}
		document.getElementById('reconciliation-report').replaceChildren.apply(
			document.getElementById('reconciliation-report'), children);
	}

	function loadRedeliveries() {
		call('api/reconciliation/redeliveries', { cache: 'no-store', headers: headers() }).then(function (list) {
			document.getElementById('redeliveries').replaceChildren.apply(document.getElementById('redeliveries'),
				list.map(function (r) {
					return el('li', { text: r.at + ' ' + r.actor + ' re-delivered ' + (r.eventId || r.source) + ' ('
						+ r.type + ') to ' + r.group + ' as ' + r.target });
				}));
		}).catch(function () { /* shown by the last-result call */ });
	}

	function failed(error) {
		if (error.status === 404 && error.title === 'Reconciliation is not configured') {
			status('Reconciliation is not configured for this monitor (pipeline.monitor.reconciliation.*).');
		} else if (error.status === 404) {
			status('No reconciliation has completed yet; the first scheduled one runs shortly after start.');
		} else {
			status(error.message, true);
		}
	}

	function poll() {
		if (!token()) {
			clear();
		} else {
			call('api/reconciliation/last', { cache: 'no-store', headers: headers() })
				.then(render, failed)
				.then(loadRedeliveries);
		}
		window.setTimeout(poll, POLL_MS);
	}

	document.getElementById('reconcile-now').addEventListener('click', function (event) {
		if (!token()) {
			return;
		}
		var button = event.target;
		button.disabled = true;
		status('checking…');
		call('api/reconciliation', { cache: 'no-store', headers: headers() })
			.then(render, failed)
			.then(function () { button.disabled = false; });
	});

	// Nothing seen with a token stays on screen once it is forgotten (status.js clears its part).
	document.getElementById('sign-out').addEventListener('click', clear);

	poll();
}());

// The parked-rows panel: lists order-service's parked outbox rows (GET /api/outbox/parked, every
// 10 s) with their error, and re-queues one or all of them with the reason typed above the table
// (POST /api/outbox/parked/{id}/requeue and /requeue-all; order-service validates, audits and
// counts). Uses the ops token status.js keeps for this tab; shows nothing without one. All data
// goes through textContent.
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
		var node = document.getElementById('parked-status');
		node.className = error ? 'note error' : 'note';
		node.textContent = text;
	}

	function clear() {
		document.getElementById('parked-rows').replaceChildren();
		document.getElementById('requeues').replaceChildren();
		status('');
	}

	// Resolves to the JSON body, or rejects with the problem's detail (and its field errors).
	function call(path, options) {
		return fetch(path, options).then(function (response) {
			return response.text().then(function (text) {
				var body = {};
				try { body = JSON.parse(text); } catch (ignored) { body = { detail: text }; }
				if (!response.ok) {
					var fields = (body.errors || []).map(function (e) { return e.field + ' ' + e.message; });
					throw new Error('HTTP ' + response.status + ': ' + (body.detail || body.title || text)
						+ (fields.length > 0 ? ' (' + fields.join('; ') + ')' : ''));
				}
				return body;
			});
		});
	}

	function requeue(path, what, button) {
		var reason = document.getElementById('requeue-reason').value;
		if (!window.confirm('Re-queue ' + what + '? Reason: ' + reason)) {
			return;
		}
		button.disabled = true;
		status('re-queueing…');
		call(path, {
			method: 'POST',
			headers: headers({ 'Content-Type': 'application/json', 'X-Pipeline-Monitor': 'requeue' }),
			body: JSON.stringify({ reason: reason })
		}).then(function (result) {
			status('re-queued ' + result.requeued + ' row(s); the relay publishes them now');
			load();
		}).catch(function (error) {
			status(error.message, true);
			button.disabled = false;
		});
	}

	function render(page) {
		var target = document.getElementById('parked-rows');
		if (page.rows.length === 0) {
			target.replaceChildren(el('p', { 'class': 'note', text: 'No parked rows.' }));
			return;
		}
		var rows = page.rows.map(function (row) {
			var button = el('button', { type: 'button', text: 'Re-queue' });
			button.addEventListener('click', function () {
				requeue('api/outbox/parked/' + row.id + '/requeue', 'outbox row ' + row.id, button);
			});
			return el('tr', { 'data-parked-row': String(row.id) }, [
				el('td', { text: String(row.id) }),
				el('td', { text: row.eventType }),
				el('td', { text: row.orderId + ' #' + row.sequence }),
				el('td', { text: row.parkedAt }),
				el('td', { 'class': 'parked-error', text: row.lastError || '' }),
				el('td', {}, [button])
			]);
		});
		var all = el('button', { type: 'button', id: 'requeue-all', text: 'Re-queue all shown' });
		all.addEventListener('click', function () {
			requeue('api/outbox/parked/requeue-all?limit=' + page.rows.length, page.rows.length + ' row(s)', all);
		});
		target.replaceChildren(el('table', {}, [
			el('thead', {}, [el('tr', {}, ['row', 'type', 'order #sequence', 'parked at', 'error', ''].map(function (h) {
				return el('th', { text: h });
			}))]),
			el('tbody', {}, rows)
		]), el('p', {}, [all, el('span', { 'class': 'note', text: page.nextAfter !== null
			? ' more rows after ' + page.nextAfter + ' (the oldest are shown)' : '' })]));
	}

	function loadRequeues() {
		call('api/outbox/requeues?limit=10', { cache: 'no-store', headers: headers() }).then(function (list) {
			document.getElementById('requeues').replaceChildren.apply(document.getElementById('requeues'),
				list.map(function (r) {
					return el('li', { text: r.requeuedAt + ' ' + r.requeuedBy + ' re-queued row ' + r.outboxId + ' ('
						+ r.eventType + ', event ' + r.eventId + '): ' + r.reason });
				}));
		}).catch(function () { /* the list call shows the error */ });
	}

	function load() {
		call('api/outbox/parked?limit=100', { cache: 'no-store', headers: headers() })
			.then(render, function (error) { status(error.message, true); })
			.then(loadRequeues);
	}

	function poll() {
		if (!token()) {
			clear();
		} else {
			load();
		}
		window.setTimeout(poll, POLL_MS);
	}

	document.getElementById('sign-out').addEventListener('click', clear);
	// status.js stores the token on submit (its listener runs first); show the rows at once.
	document.getElementById('sign-in').addEventListener('submit', function () {
		window.setTimeout(function () { if (token()) { load(); } }, 0);
	});

	poll();
}());

// Polls GET /api/pipeline every 2 s and renders it. No build step, no libraries; all data goes
// through textContent, never innerHTML. The API wants a bearer token with role ops: the page
// asks for one (pasted, kept in sessionStorage for this tab) and polls only while it has one.
(function () {
	'use strict';

	var POLL_MS = 2000;
	var TOKEN_KEY = 'pipeline-monitor.token';
	var pollTimer = null;

	function token() {
		return window.sessionStorage.getItem(TOKEN_KEY);
	}

	function authorized(headers) {
		var result = headers || {};
		result.Authorization = 'Bearer ' + token();
		return result;
	}

	// Shows the sign-in form with why, and removes every figure from the page: nothing seen
	// with a token stays on screen once the token is gone or refused.
	function signIn(message) {
		window.sessionStorage.removeItem(TOKEN_KEY);
		window.clearTimeout(pollTimer);
		document.getElementById('sign-in-message').textContent = message;
		document.getElementById('sign-in').hidden = false;
		document.getElementById('signed-in').hidden = true;
		document.getElementById('freshness').textContent = 'not signed in';
		document.getElementById('kafka-error').hidden = true;
		renderOutbox(null);
		var container = document.getElementById('groups');
		container.replaceChildren();
	}

	function refused(status) {
		return status === 401
			? 'The token was not accepted (HTTP 401: expired, malformed or from another issuer). Paste a new ops token.'
			: 'This token may not see the pipeline (HTTP 403: it lacks role ops). Paste a token of an ops user.';
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

	function seconds(value) {
		if (value === null || value === undefined) {
			return 'unknown';
		}
		if (value < 120) {
			return value.toFixed(1) + ' s';
		}
		if (value < 7200) {
			return (value / 60).toFixed(1) + ' min';
		}
		return (value / 3600).toFixed(1) + ' h';
	}

	function renderOutbox(outbox) {
		var pending = document.getElementById('outbox-pending');
		var age = document.getElementById('outbox-age');
		var error = document.getElementById('outbox-error');
		if (!outbox || outbox.error) {
			pending.textContent = 'unknown';
			age.textContent = 'unknown';
			error.textContent = outbox ? outbox.source + ': ' + outbox.error : '';
			return;
		}
		pending.textContent = String(outbox.pendingRows);
		age.textContent = seconds(outbox.oldestPendingAgeSeconds);
		error.textContent = '';
	}

	function replayAll(group, output, button) {
		if (!window.confirm('Replay all pending dead letters of ' + group + '?')) {
			return;
		}
		button.disabled = true;
		output.className = 'replay-output';
		output.textContent = 'replaying…';
		fetch('api/groups/' + encodeURIComponent(group) + '/dead-letters/replay-all',
			{ method: 'POST', headers: authorized({ 'X-Pipeline-Monitor': 'replay' }) })
			.then(function (response) {
				return response.text().then(function (text) {
					var body = {};
					try { body = JSON.parse(text); } catch (ignored) { body = { detail: text }; }
					if (!response.ok) {
						throw new Error('HTTP ' + response.status + ': ' + (body.detail || body.title || text));
					}
					output.textContent = 'replayed ' + body.replayed;
				});
			})
			.catch(function (error) {
				output.className = 'replay-output error';
				output.textContent = error.message;
			})
			.then(function () { button.disabled = false; });
	}

	// Replay results outlive a re-render.
	var replayOutputs = {};

	function renderGroup(group) {
		var dead = group.deadLetters;
		var rows = group.partitions.map(function (p) {
			return el('tr', { 'data-topic': p.topic, 'data-partition': String(p.partition) }, [
				el('td', { text: p.topic + '-' + p.partition }),
				el('td', { text: p.committedOffset === null ? '-' : String(p.committedOffset) }),
				el('td', { text: String(p.logEndOffset) }),
				el('td', { 'class': 'lag-messages', text: String(p.lagMessages) }),
				el('td', { 'class': 'lag-seconds', text: seconds(p.lagSeconds) })
			]);
		});
		var table = el('table', {}, [
			el('thead', {}, [el('tr', {}, ['partition', 'committed', 'log end', 'lag', 'lag (time)'].map(function (h) {
				return el('th', { text: h });
			}))]),
			el('tbody', {}, rows)
		]);
		var output = replayOutputs[group.group] || (replayOutputs[group.group] = el('span', { 'class': 'replay-output' }));
		var button = el('button', { type: 'button', text: 'Replay all dead letters' });
		button.addEventListener('click', function () { replayAll(group.group, output, button); });
		if (!group.serviceUrl) {
			button.disabled = true;
			button.title = 'no service URL configured for this group';
		}
		var deadText = dead.exists
			? dead.records + ' in ' + dead.topic + (dead.records > 0 ? ', oldest ' + seconds(dead.oldestAgeSeconds) : '')
			: 'no topic ' + dead.topic;
		return el('div', { 'class': 'group', 'data-group': group.group, 'data-status': group.status }, [
			el('h3', {}, [
				el('span', { text: group.group }),
				el('span', { 'class': 'status status-' + group.status, text: group.status })
			]),
			el('p', { 'class': 'note', text: group.state + ', ' + group.members + ' member(s)'
				+ (group.configured ? '' : ', discovered') + (group.reason ? ' — ' + group.reason : '') }),
			el('p', {}, [
				el('span', { text: 'Lag: ' }),
				el('b', { 'class': 'group-lag-messages', text: String(group.lagMessages) }),
				el('span', { text: ' messages, oldest unconsumed ' + seconds(group.maxLagSeconds) })
			]),
			table,
			el('p', {}, [
				el('span', { 'class': 'dead-letters', text: 'Dead letters: ' + deadText + ' ' }),
				button, el('span', { text: ' ' }), output
			])
		]);
	}

	function render(snapshot) {
		var freshness = document.getElementById('freshness');
		var age = snapshot.observedAt ? (Date.now() - Date.parse(snapshot.observedAt)) / 1000 : NaN;
		freshness.textContent = snapshot.observedAt
			? 'Kafka read at ' + snapshot.observedAt + (isNaN(age) ? '' : ' (' + seconds(Math.max(0, age)) + ' ago)')
			: 'Kafka not read yet';
		var banner = document.getElementById('kafka-error');
		banner.hidden = !snapshot.kafkaError;
		banner.textContent = snapshot.kafkaError ? 'Kafka could not be read: ' + snapshot.kafkaError
			+ ' (figures below are from the last successful read)' : '';
		renderOutbox(snapshot.outbox);
		var container = document.getElementById('groups');
		container.replaceChildren.apply(container, snapshot.groups.map(renderGroup));
	}

	function poll() {
		if (!token()) {
			signIn('Sign in to see the pipeline: paste an access token with role ops.');
			return;
		}
		document.getElementById('sign-in').hidden = true;
		document.getElementById('signed-in').hidden = false;
		fetch('api/pipeline', { cache: 'no-store', headers: authorized() })
			.then(function (response) {
				if (response.status === 401 || response.status === 403) {
					signIn(refused(response.status));
					return null;
				}
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.json().then(function (snapshot) {
					if (token()) {
						render(snapshot);
					}
				});
			})
			.catch(function (error) {
				var banner = document.getElementById('kafka-error');
				banner.hidden = false;
				banner.textContent = 'pipeline-monitor did not answer: ' + error.message;
			})
			.then(function () {
				if (token()) {
					pollTimer = window.setTimeout(poll, POLL_MS);
				}
			});
	}

	document.getElementById('sign-in').addEventListener('submit', function (event) {
		event.preventDefault();
		var field = document.getElementById('token');
		var pasted = field.value.trim().replace(/^Bearer\s+/i, '');
		field.value = '';
		if (pasted) {
			window.sessionStorage.setItem(TOKEN_KEY, pasted);
			window.clearTimeout(pollTimer);
			poll();
		}
	});

	document.getElementById('sign-out').addEventListener('click', function () {
		signIn('Token forgotten. Paste an access token with role ops to see the pipeline again.');
	});

	poll();
}());

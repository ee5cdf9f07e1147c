// The dashboard: reads the view (range, service, route) from the URL, asks the analytics API
// for each panel and draws the answers as plain SVG and HTML. No libraries, no network
// beyond the consumer that serves this file.
'use strict';

(function () {
	const SVG = 'http://www.w3.org/2000/svg';
	const MINUTE = 60e3;
	const HOUR = 60 * MINUTE;
	const DAY = 24 * HOUR;
	const PRESETS = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY };
	const DEFAULT_PRESET = '24h';
	const OUTCOMES = [
		{ key: 'successful', label: '2xx', color: 'var(--ok)' },
		{ key: 'redirected', label: '3xx', color: 'var(--redirect)' },
		{ key: 'clientErrors', label: '4xx', color: 'var(--client-error)' },
		{ key: 'serverErrors', label: '5xx', color: 'var(--server-error)' },
		{ key: 'other', label: 'other', color: 'var(--other)' },
	];
	const PERCENTILES = [
		{ key: 'p50Ms', label: 'p50', color: 'var(--ok)' },
		{ key: 'p95Ms', label: 'p95', color: 'var(--client-error)' },
		{ key: 'p99Ms', label: 'p99', color: 'var(--server-error)' },
	];

	let generation = 0;
	let routeRows = [];
	let routeSort = { key: 'weightedRequests', descending: true };

	// ---- The view and the URL ------------------------------------------------------------

	// Limitation: times are shown and entered in UTC only, whatever the browser's time zone.
	function readView() {
		const params = new URLSearchParams(window.location.search);
		const from = parseTime(params.get('from'));
		const to = parseTime(params.get('to'));
		const preset = PRESETS[params.get('range')] ? params.get('range') : DEFAULT_PRESET;
		const custom = from !== null && to !== null && from < to;
		return {
			preset: custom ? null : preset,
			from: custom ? from : null,
			to: custom ? to : null,
			service: params.get('service') || '',
			route: params.get('route') || '',
		};
	}

	function viewQuery(view) {
		const params = new URLSearchParams();
		if (view.preset) {
			params.set('range', view.preset);
		}
		else {
			params.set('from', new Date(view.from).toISOString());
			params.set('to', new Date(view.to).toISOString());
		}
		if (view.service) {
			params.set('service', view.service);
		}
		if (view.route) {
			params.set('route', view.route);
		}
		return '?' + params.toString();
	}

	function navigate(view) {
		history.pushState(null, '', viewQuery(view));
		load();
	}

	function parseTime(value) {
		if (!value) {
			return null;
		}
		const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : value + 'Z');
		return Number.isNaN(time) ? null : time;
	}

	// The rollup granularity for a range: minute buckets up to 2 hours, hour buckets up to
	// 8 days, day buckets beyond, so that 90 days read about 90 rows per route.
	// Limitation: the charts of a week read every hour row of the week (the totals read day
	// rows for its whole days), so with hundreds of routes the week view takes seconds.
	function granularityOf(span) {
		if (span <= 2 * HOUR) {
			return { name: 'minute', width: MINUTE };
		}
		return (span <= 8 * DAY) ? { name: 'hour', width: HOUR } : { name: 'day', width: DAY };
	}

	// The range actually asked for: widened to whole buckets, because the API counts the
	// buckets whose start lies in [from, to).
	function resolveRange(view) {
		const now = Date.now();
		const to = view.preset ? now : view.to;
		const from = view.preset ? now - PRESETS[view.preset] : view.from;
		const granularity = granularityOf(to - from);
		const width = granularity.width;
		return {
			from: Math.floor(from / width) * width,
			to: Math.ceil(to / width) * width,
			granularity: granularity.name,
			width: width,
		};
	}

	// ---- Loading -------------------------------------------------------------------------

	function api(path, range, view, extra) {
		const params = new URLSearchParams({
			from: new Date(range.from).toISOString(),
			to: new Date(range.to).toISOString(),
		});
		if (path !== 'pipeline') {
			params.set('granularity', range.granularity);
		}
		if (view.service) {
			params.set('service', view.service);
		}
		if (view.route && path !== 'pipeline') {
			params.set('route', view.route);
		}
		Object.entries(extra || {}).forEach(([key, value]) => params.set(key, value));
		// Resolved without the user name and password a link may carry: fetch refuses those.
		const url = new URL('../api/analytics/' + path + '?' + params.toString(), window.location.href);
		url.username = '';
		url.password = '';
		return fetch(url.toString(), {
			headers: { Accept: 'application/json' },
			credentials: 'same-origin',
		}).then((response) => {
			if (!response.ok) {
				return response.text().then((body) => {
					throw new ApiError(response.status, problemDetail(body));
				});
			}
			return response.json();
		});
	}

	function ApiError(status, detail) {
		this.status = status;
		this.message = 'The consumer answered ' + status + (detail ? ': ' + detail : '');
	}

	function problemDetail(body) {
		try {
			return JSON.parse(body).detail || '';
		}
		catch (ex) {
			// Not a problem detail (an HTML error page, for instance): show the status only.
			return '';
		}
	}

	function load() {
		const view = readView();
		const range = resolveRange(view);
		const current = ++generation;
		document.body.dataset.state = 'loading';
		showControls(view, range);
		const only = (render) => (answer) => {
			if (current === generation) {
				render(answer, range, view);
			}
		};
		const failed = (element) => (error) => {
			if (current === generation) {
				showFailure(element, error);
			}
		};
		const withoutRoute = Object.assign({}, view, { route: '' });
		const everything = Object.assign({}, withoutRoute, { service: '' });
		const tasks = [
			api('outcomes', range, view).then(only(drawOutcomes), failed('requests-chart')),
			api('latency-over-time', range, view).then(only(drawLatency), failed('latency-chart')),
			api('routes', range, view, { limit: 20 }).then(only(drawRoutes), failed('routes-table')),
			api('status-codes', range, view).then(only(drawStatusCodes), failed('status-bars')),
			api('places', range, view, { limit: 10 }).then(only(drawPlaces), failed('world-map')),
			api('user-agent-breakdown', range, view, { limit: 8 }).then(only(drawAgents), failed('browser-bars')),
			api('pipeline', range, view).then(only(drawPipeline), failed('pipeline-body')),
			api('routes', range, everything, { limit: 100 }).then(only(fillServices), () => undefined),
		];
		if (view.service) {
			tasks.push(api('routes', range, withoutRoute, { limit: 100 }).then(only(fillRoutes), () => undefined));
		}
		else {
			fillRoutes([], range, view);
		}
		Promise.allSettled(tasks).then(() => {
			if (current === generation) {
				document.body.dataset.loads = String(current);
				document.body.dataset.state = 'ready';
			}
		});
	}

	function showFailure(id, error) {
		const element = document.getElementById(id);
		if (id === 'pipeline-body' && error instanceof ApiError && error.status === 404) {
			// A consumer without the pipeline answer: not an error, just nothing to show.
			element.replaceChildren(el('div', { class: 'unavailable' }, 'Pipeline figures are not available from this consumer.'));
			return;
		}
		const message = (error instanceof ApiError) ? error.message
			: 'The consumer could not be reached (' + error.message + ')';
		const box = el('div', { class: 'failed' }, message);
		if (element.tagName === 'TABLE') {
			element.querySelector('tbody').replaceChildren(row([cell(box, { colspan: 5 })]));
		}
		else {
			element.replaceChildren(box);
		}
	}

	// ---- Controls ------------------------------------------------------------------------

	function showControls(view, range) {
		document.querySelectorAll('[data-range]').forEach((button) => {
			button.setAttribute('aria-pressed', String(button.dataset.range === view.preset));
		});
		document.getElementById('from').value = localInput(view.preset ? range.from : view.from);
		document.getElementById('to').value = localInput(view.preset ? range.to : view.to);
		document.getElementById('range-note').textContent = 'Showing ' + formatTime(range.from, range.width)
			+ ' to ' + formatTime(range.to, range.width) + ' UTC in ' + range.granularity + ' buckets'
			+ (view.service ? ', service ' + view.service : ', all services')
			+ (view.route ? ', route ' + view.route : '') + '.';
	}

	function fillServices(rows, range, view) {
		const services = Array.from(new Set(rows.map((r) => r.service))).sort();
		fillSelect(document.getElementById('service'), 'All services', services, view.service);
	}

	function fillRoutes(rows, range, view) {
		const routes = Array.from(new Set(rows.map((r) => r.route))).sort();
		const select = document.getElementById('route');
		fillSelect(select, 'All routes', routes, view.route);
		select.disabled = !view.service;
	}

	function fillSelect(select, allLabel, values, selected) {
		const options = [el('option', { value: '' }, allLabel)];
		if (selected && !values.includes(selected)) {
			values = values.concat([selected]);
		}
		values.forEach((value) => options.push(el('option', { value: value }, value || '(unknown)')));
		select.replaceChildren(...options);
		select.value = selected;
	}

	function bindControls() {
		document.querySelectorAll('[data-range]').forEach((button) => {
			button.addEventListener('click', () => {
				navigate(Object.assign(readView(), { preset: button.dataset.range, from: null, to: null }));
			});
		});
		document.getElementById('filters').addEventListener('submit', (event) => {
			event.preventDefault();
			const from = parseTime(document.getElementById('from').value);
			const to = parseTime(document.getElementById('to').value);
			if (from !== null && to !== null && from < to) {
				navigate(Object.assign(readView(), { preset: null, from: from, to: to }));
			}
		});
		document.getElementById('service').addEventListener('change', (event) => {
			navigate(Object.assign(readView(), { service: event.target.value, route: '' }));
		});
		document.getElementById('route').addEventListener('change', (event) => {
			navigate(Object.assign(readView(), { route: event.target.value }));
		});
		document.querySelectorAll('#routes-table th').forEach((header) => {
			header.addEventListener('click', () => {
				const key = header.dataset.key;
				routeSort = { key: key, descending: routeSort.key === key ? !routeSort.descending : header.dataset.type === 'number' };
				showRouteRows();
			});
		});
		window.addEventListener('popstate', load);
	}

	// ---- Panels --------------------------------------------------------------------------

	function drawOutcomes(rows, range) {
		const totals = {};
		OUTCOMES.forEach((o) => { totals[o.key] = sum(rows, o.key); });
		const all = sum(rows, 'weightedRequests');
		setText('total-requests', formatCount(all));
		setText('total-server-errors', formatCount(totals.serverErrors));
		setText('total-error-rate', all > 0 ? formatPercent(totals.serverErrors / all) : '–');
		const shown = OUTCOMES.filter((o) => o.key !== 'other' || totals.other > 0);
		legend('requests-legend', shown.map((o) => ({
			label: o.label + ' ' + formatCount(totals[o.key]), color: o.color, data: { outcome: o.label, value: totals[o.key] },
		})));
		const chart = timeChart(range, Math.max(0, ...rows.map((r) => r.weightedRequests)), formatCount, 1200);
		const bucket = chart.x(range.from + range.width) - chart.x(range.from);
		const width = Math.max(1, bucket * 0.8);
		rows.forEach((r) => {
			let base = 0;
			const time = Date.parse(r.bucketStart);
			shown.forEach((o) => {
				const value = r[o.key];
				if (value > 0) {
					const top = chart.y(base + value);
					chart.plot.appendChild(svg('rect', {
						x: chart.x(time) + (bucket - width) / 2, y: top, width: width, height: chart.y(base) - top,
						fill: o.color, 'data-bucket': r.bucketStart, 'data-outcome': o.label, 'data-value': value,
					}, [svg('title', {}, o.label + ' ' + formatCount(value) + ' at ' + formatTime(time, range.width))]));
					base += value;
				}
			});
		});
		place('requests-chart', chart.root, rows.length === 0);
		drawErrorRate(rows, range, totals.serverErrors, all);
	}

	function drawErrorRate(rows, range, serverErrors, all) {
		const chart = timeChart(range, Math.max(0.01, ...rows.map((r) => r.errorRate)), formatPercent, 600);
		line(chart, range, rows, 'errorRate', 'var(--server-error)', 'error rate', formatPercent);
		legend('error-rate-legend', [{
			label: 'Overall ' + (all > 0 ? formatPercent(serverErrors / all) : '–'), color: 'var(--server-error)',
			data: { value: all > 0 ? serverErrors / all : '' },
		}]);
		place('error-rate-chart', chart.root, rows.length === 0);
	}

	function drawLatency(rows, range) {
		const chart = timeChart(range, Math.max(1, ...rows.map((r) => r.p99Ms)), formatMillis, 600);
		PERCENTILES.forEach((p) => line(chart, range, rows, p.key, p.color, p.label, formatMillis));
		legend('latency-legend', PERCENTILES.map((p) => ({ label: p.label, color: p.color, data: { series: p.label } })));
		place('latency-chart', chart.root, rows.length === 0);
	}

	// Limitation: sorting reorders the 20 routes with the most requests; a route outside
	// them does not appear even when sorted by error rate or p95.
	function drawRoutes(rows, range, view) {
		routeRows = rows.map((r) => Object.assign({ link: viewQuery(Object.assign({}, view, { service: r.service, route: r.route })) }, r));
		showRouteRows();
	}

	function showRouteRows() {
		const key = routeSort.key;
		const sorted = routeRows.slice().sort((a, b) => {
			const order = (typeof a[key] === 'number') ? a[key] - b[key] : String(a[key]).localeCompare(String(b[key]));
			return routeSort.descending ? -order : order;
		});
		document.querySelectorAll('#routes-table th').forEach((header) => {
			if (header.dataset.key === key) {
				header.setAttribute('aria-sort', routeSort.descending ? 'descending' : 'ascending');
			}
			else {
				header.removeAttribute('aria-sort');
			}
		});
		const body = document.querySelector('#routes-table tbody');
		if (sorted.length === 0) {
			body.replaceChildren(row([cell(el('div', { class: 'empty' }, 'No requests in this range'), { colspan: 5 })]));
			return;
		}
		body.replaceChildren(...sorted.map((r) => {
			const link = el('a', { href: r.link }, r.route || '(unknown)');
			link.addEventListener('click', (event) => {
				event.preventDefault();
				history.pushState(null, '', r.link);
				load();
			});
			return row([cell(r.service), cell(link), cell(formatCount(r.weightedRequests), { class: 'number' }),
				cell(formatPercent(r.errorRate), { class: 'number' }), cell(formatMillis(r.p95Ms), { class: 'number' })],
			{ 'data-service': r.service, 'data-route': r.route });
		}));
	}

	function drawStatusCodes(rows) {
		bars('status-bars', rows.map((r) => ({
			label: String(r.statusCode), value: r.weightedRequests, share: r.share, data: { status: r.statusCode },
			color: OUTCOMES[Math.min(3, Math.max(0, Math.floor(r.statusCode / 100) - 2))].color,
		})));
	}

	function drawPlaces(places) {
		const map = worldMap();
		places.countries.filter((c) => c.latitude !== null && c.longitude !== null).forEach((c) => {
			map.appendChild(svg('circle', {
				class: 'country', cx: c.longitude + 180, cy: 90 - c.latitude, r: 2 + 14 * Math.sqrt(c.share),
				'data-country': c.countryCode || '', 'data-value': c.weightedRequests,
			}, [svg('title', {}, (c.country || c.countryCode || 'Unknown') + ': ' + formatCount(c.weightedRequests)
				+ ' requests (' + formatPercent(c.share) + ')')]));
		});
		place('world-map', map, false);
		const body = document.querySelector('#cities-table tbody');
		if (places.cities.length === 0) {
			body.replaceChildren(row([cell(el('div', { class: 'empty' }, 'No requests in this range'), { colspan: 4 })]));
			return;
		}
		body.replaceChildren(...places.cities.map((c) => row([cell(c.city || '(unknown)'),
			cell(c.country || c.countryCode || '(unknown)'), cell(formatCount(c.weightedRequests), { class: 'number' }),
			cell(formatPercent(c.share), { class: 'number' })], { 'data-city': c.city || '', 'data-country': c.countryCode || '' })));
	}

	function drawAgents(breakdown) {
		const toBars = (shares, kind) => shares.map((s) => ({
			label: s.name || '(unknown)', value: s.weightedRequests, share: s.share, data: { [kind]: s.name || '' },
		}));
		bars('browser-bars', toBars(breakdown.browsers, 'browser'));
		bars('os-bars', toBars(breakdown.operatingSystems, 'os'));
		bars('device-bars', toBars(breakdown.devices, 'device'));
		const any = breakdown.browsers.length > 0;
		setText('total-bot-share', any ? formatPercent(breakdown.botShare) : '–');
		setText('bot-note', any ? 'Requests from known bots: ' + formatCount(breakdown.botRequests) + ' ('
			+ formatPercent(breakdown.botShare) + ' of all).' : '');
	}

	// Limitation: dead-lettered messages and consumer lag are the queues' current depths, as
	// the broker reports them, not figures for the chosen range.
	function drawPipeline(pipeline) {
		const publishers = pipeline.publishers || [];
		const total = (key) => publishers.reduce((n, p) => n + (p[key] || 0), 0);
		const tiles = el('div', { class: 'pipeline-tiles' },
			tile('Published', formatCount(total('published')), 'published'),
			tile('Dropped', formatCount(total('dropped')), 'dropped'),
			tile('Dead-lettered', pipeline.deadLetterQueue ? formatCount(pipeline.deadLetterQueue.messages) : '–', 'dead-lettered'),
			tile('Consumer lag (queued)', pipeline.queue ? formatCount(pipeline.queue.messages) : '–', 'lag'));
		const table = el('table', { id: 'publishers-table' },
			el('thead', {}, row(['Service', 'Instances', 'Captured', 'Published', 'Confirmed', 'Sampled out', 'Dropped',
				'Last seen'].map((h, i) => el('th', i > 0 && i < 7 ? { class: 'number' } : {}, h)))),
			el('tbody', {}, ...publishers.map((p) => row([cell(p.service), cell(formatCount(p.instances), { class: 'number' }),
				cell(formatCount(p.captured), { class: 'number' }), cell(formatCount(p.published), { class: 'number' }),
				cell(formatCount(p.confirmed), { class: 'number' }), cell(formatCount(p.sampledOut), { class: 'number' }),
				cell(formatCount(p.dropped), { class: 'number', title: droppedReasons(p.droppedByReason) }),
				cell(p.lastSeen ? formatTime(Date.parse(p.lastSeen), MINUTE) : 'never')], { 'data-service': p.service }))));
		const queue = pipeline.queue
			? el('p', { class: 'note' }, 'Queue ' + pipeline.queue.name + ': ' + formatCount(pipeline.queue.messages)
				+ ' waiting, ' + formatCount(pipeline.queue.consumers) + ' consumers.')
			: '';
		document.getElementById('pipeline-body').replaceChildren(tiles, table, queue);
	}

	function droppedReasons(reasons) {
		return Object.entries(reasons || {}).map(([reason, n]) => reason + ': ' + n).join(', ');
	}

	function tile(label, value, name) {
		return el('div', { class: 'tile', 'data-pipeline': name },
			el('span', { class: 'tile-label' }, label), el('span', { class: 'tile-value' }, value));
	}

	// ---- Drawing helpers ---------------------------------------------------------------

	// An empty time chart over the range with a y axis up to at least max: returns the root
	// element, the plot group and the scales.
	function timeChart(range, max, format, width) {
		const height = 220;
		const left = 56;
		const right = 10;
		const top = 10;
		const bottom = 24;
		const step = niceStep(max / 4);
		const topValue = Math.max(1, Math.ceil(max / step)) * step;
		const x = (time) => left + (time - range.from) / (range.to - range.from) * (width - left - right);
		const y = (value) => height - bottom - value / topValue * (height - top - bottom);
		const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
		const grid = svg('g', { class: 'grid' });
		for (let value = 0; value <= topValue + step / 2; value += step) {
			grid.appendChild(svg('line', { x1: left, x2: width - right, y1: y(value), y2: y(value) }));
			grid.appendChild(svg('text', { x: left - 6, y: y(value) + 3, 'text-anchor': 'end' }, format(value)));
		}
		const labels = (width >= 1000) ? 4 : 2;
		for (let i = 0; i <= labels; i++) {
			const time = range.from + (range.to - range.from) * i / labels;
			const anchor = (i === 0) ? 'start' : (i === labels) ? 'end' : 'middle';
			grid.appendChild(svg('text', { x: x(time), y: height - 8, 'text-anchor': anchor }, formatTime(time, range.width)));
		}
		const plot = svg('g', { class: 'plot' });
		root.append(grid, plot);
		return { root: root, plot: plot, x: x, y: y };
	}

	// Lines through the bucket centres, broken where buckets without requests have no
	// value, with a marker per bucket carrying its value.
	function line(chart, range, rows, key, color, label, format) {
		const points = rows.map((r) => {
			const time = Date.parse(r.bucketStart);
			return { time: time, bucket: r.bucketStart, value: r[key], x: chart.x(time + range.width / 2), y: chart.y(r[key]) };
		});
		let run = [];
		const flush = () => {
			if (run.length > 1) {
				chart.plot.appendChild(svg('polyline', {
					points: run.map((p) => p.x + ',' + p.y).join(' '), fill: 'none', stroke: color, 'stroke-width': 1.5,
				}));
			}
			run = [];
		};
		points.forEach((p, i) => {
			if (i > 0 && p.time - points[i - 1].time > range.width) {
				flush();
			}
			run.push(p);
		});
		flush();
		points.forEach((p) => chart.plot.appendChild(svg('circle', {
			cx: p.x, cy: p.y, r: 2.5, fill: color, 'data-series': label, 'data-bucket': p.bucket, 'data-value': p.value,
		}, [svg('title', {}, label + ' ' + format(p.value) + ' at ' + formatTime(p.time, range.width))])));
	}

	// An equirectangular world from 85 degrees north to 60 south: one unit per degree, a
	// 30-degree graticule and the equator.
	// Limitation: the map has no coastlines or borders, because no third-party outline data
	// is committed or fetched; countries are circles at the mean position of their requests.
	function worldMap() {
		const root = svg('svg', { viewBox: '0 5 360 145', role: 'img', 'aria-label': 'Requests per country' });
		root.appendChild(svg('rect', { class: 'ocean', x: 0, y: 0, width: 360, height: 180 }));
		const lines = [];
		for (let lon = 30; lon < 360; lon += 30) {
			lines.push('M' + lon + ' 0V180');
		}
		for (let lat = 30; lat < 180; lat += 30) {
			lines.push('M0 ' + lat + 'H360');
		}
		root.appendChild(svg('path', { class: 'graticule', d: lines.join('') }));
		root.appendChild(svg('path', { class: 'graticule equator', d: 'M0 90H360' }));
		return root;
	}

	function bars(id, items) {
		const element = document.getElementById(id);
		if (items.length === 0) {
			element.replaceChildren(el('div', { class: 'empty' }, 'No requests in this range'));
			return;
		}
		const max = Math.max(...items.map((i) => i.value));
		element.replaceChildren(...items.map((item) => {
			const data = {};
			Object.entries(item.data).forEach(([key, value]) => { data['data-' + key] = value; });
			data['data-value'] = item.value;
			data.class = 'bar-row';
			const fill = el('div', { class: 'bar-fill' });
			fill.style.width = (max > 0 ? 100 * item.value / max : 0) + '%';
			if (item.color) {
				fill.style.background = item.color;
			}
			return el('div', data, el('span', { class: 'bar-label', title: item.label }, item.label),
				el('div', { class: 'bar-track' }, fill),
				el('span', { class: 'bar-value' }, formatCount(item.value) + ' · ' + formatPercent(item.share)));
		}));
	}

	function legend(id, items) {
		document.getElementById(id).replaceChildren(...items.map((item) => {
			const data = {};
			Object.entries(item.data || {}).forEach(([key, value]) => { data['data-' + key] = value; });
			const entry = el('li', data, item.label);
			entry.style.setProperty('--swatch', item.color);
			return entry;
		}));
	}

	function place(id, chart, empty) {
		const element = document.getElementById(id);
		element.replaceChildren(chart);
		if (empty) {
			element.appendChild(el('div', { class: 'empty' }, 'No requests in this range'));
		}
	}

	// The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least value.
	function niceStep(value) {
		if (!(value > 0)) {
			return 1;
		}
		const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		return magnitude * [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value);
	}

	function svg(name, attributes, children) {
		const element = document.createElementNS(SVG, name);
		Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, String(value)));
		if (typeof children === 'string') {
			element.textContent = children;
		}
		else {
			(children || []).forEach((child) => element.appendChild(child));
		}
		return element;
	}

	function el(name, attributes, ...children) {
		const element = document.createElement(name);
		Object.entries(attributes || {}).forEach(([key, value]) => element.setAttribute(key, String(value)));
		children.forEach((child) => element.append(child));
		return element;
	}

	function row(cells, attributes) {
		return el('tr', attributes || {}, ...cells);
	}

	function cell(content, attributes) {
		return el('td', attributes || {}, content);
	}

	function setText(id, text) {
		document.getElementById(id).textContent = text;
	}

	function sum(rows, key) {
		return rows.reduce((total, r) => total + (r[key] || 0), 0);
	}

	function formatCount(value) {
		return Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 });
	}

	function formatPercent(value) {
		return (100 * value).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + '%';
	}

	function formatMillis(value) {
		return Number(value).toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 1 : 0 }) + ' ms';
	}

	function formatTime(time, width) {
		const iso = new Date(time).toISOString();
		return (width >= DAY) ? iso.slice(0, 10) : iso.slice(0, 10) + ' ' + iso.slice(11, 16);
	}

	function localInput(time) {
		return new Date(time).toISOString().slice(0, 16);
	}

	bindControls();
	load();
})();

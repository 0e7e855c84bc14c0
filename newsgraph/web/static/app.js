/* newsgraph explorer: one small single-page app over the read-only JSON API.
 * Every piece of database text is put in the page with textContent (never innerHTML),
 * and links to articles are kept only when they are http(s), so article text stays inert. */
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const KIND_COLOURS = { person: "#4e79a7", organization: "#f28e2b", country: "#59a14f" };
const CLASS_COLOURS = { cooperative: "#2b8a3e", conflictual: "#c92a2a", other: "#868e96" };
const state = { months: [], summary: null, basemap: null, routing: new AbortController() };

/* ------------------------------------------------------------------ DOM helpers */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "href") { const u = safeHref(v); if (u) node.setAttribute("href", u); }
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function safeHref(u) {
  if (typeof u !== "string") return null;
  if (u.startsWith("#/")) return u;
  return /^https?:\/\//i.test(u) ? u : null;
}

function actorLink(id, name) { return el("a", { href: "#/actor/" + encodeURIComponent(id), class: "actor" }, name || id); }
function eventLink(id, text) { return el("a", { href: "#/event/" + encodeURIComponent(id) }, text || id); }
function badge(text, cls) { return el("span", { class: "badge " + (cls || "") }, text); }

function setMain(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children);
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    qs.append(k, v);
  }
  const url = "/api/" + path + (qs.toString() ? "?" + qs : "");
  // Requests belong to the view being drawn: a newer route aborts them, so a slow
  // answer for an old filter setting can never overwrite the current one.
  const res = await fetch(url, { headers: { Accept: "application/json" }, signal: state.routing.signal });
  let body;
  try { body = await res.json(); } catch (err) {
    if (err.name === "AbortError") throw err;
    body = { error: res.statusText };
  }
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function showError(err) { setMain(el("p", { class: "error" }, "Error: " + err.message)); }

/* ------------------------------------------------------------------ dates & filters */
function monthsBetween(lo, hi) {
  const out = [];
  if (!lo || !hi) return out;
  let y = +lo.slice(0, 4), m = +lo.slice(5, 7);
  const ey = +hi.slice(0, 4), em = +hi.slice(5, 7);
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1; if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function dayMs(iso) { return Date.parse(iso + "T00:00:00Z"); }

function filterParams() {
  const from = document.getElementById("f-from"), to = document.getElementById("f-to");
  const p = {
    type: document.getElementById("f-type").value,
    status: document.getElementById("f-status").value,
    claims: document.getElementById("f-claims").checked ? "true" : "false",
  };
  if (state.months.length) {
    const a = state.months[Math.min(+from.value, +to.value)];
    const b = state.months[Math.max(+from.value, +to.value)];
    if (+from.value > 0) p.since = a;
    if (+to.value < state.months.length - 1) p.until = b;
  }
  return p;
}

function updateRangeLabels() {
  const from = document.getElementById("f-from"), to = document.getElementById("f-to");
  document.getElementById("f-from-label").textContent = state.months[+from.value] || "–";
  document.getElementById("f-to-label").textContent = state.months[+to.value] || "–";
}

async function initFilters() {
  const s = await api("summary");
  state.summary = s;
  const sel = document.getElementById("f-type");
  for (const t of Object.keys(s.types).sort()) sel.append(el("option", { value: t }, t));
  state.months = monthsBetween(s.date_range[0], s.date_range[1]);
  for (const id of ["f-from", "f-to"]) {
    const r = document.getElementById(id);
    r.max = String(Math.max(state.months.length - 1, 0));
  }
  document.getElementById("f-to").value = String(Math.max(state.months.length - 1, 0));
  updateRangeLabels();
  document.getElementById("db-summary").textContent =
    `${s.articles} articles · ${s.actors} actors · ${s.events} events`;
  for (const id of ["f-type", "f-status", "f-claims", "f-from", "f-to"]) {
    const node = document.getElementById(id);
    node.addEventListener(node.type === "range" ? "input" : "change", () => {
      updateRangeLabels();
      const view = currentView();
      if (["network", "timeline", "map"].includes(view.name)) route();
    });
  }
}

/* ------------------------------------------------------------------ network */
async function viewNetwork() {
  const data = await api("network", filterParams());
  const W = 960, H = 580, M = 60;
  const pos = {};
  for (const n of data.nodes) pos[n.id] = [M + n.x * (W - 2 * M), M + n.y * (H - 2 * M)];
  const maxAct = Math.max(1, ...data.nodes.map((n) => n.activity));
  const edgesG = svg("g", { class: "edges" });
  const pairs = {};
  for (const e of data.edges) (pairs[e.source + "|" + e.target] ||= []).push(e);
  for (const list of Object.values(pairs)) {
    list.forEach((e, i) => {
      const [x1, y1] = pos[e.source] || [0, 0], [x2, y2] = pos[e.target] || [0, 0];
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const off = list.length > 1 ? (i - (list.length - 1) / 2) * 6 : 0;
      const ox = (-(y2 - y1) / len) * off, oy = ((x2 - x1) / len) * off;
      const types = Object.entries(e.types).map(([t, c]) => `${t} ×${c}`).join(", ");
      edgesG.append(svg("line", {
        x1: x1 + ox, y1: y1 + oy, x2: x2 + ox, y2: y2 + oy, class: "edge " + e.class,
        stroke: CLASS_COLOURS[e.class], "stroke-width": 1.5 + 2.5 * Math.log2(1 + e.count),
        "data-source": e.source, "data-target": e.target,
        onclick: () => showDyad(e),
      }, svg("title", {}, `${e.class}: ${types}`)));
    });
  }
  const nodesG = svg("g", { class: "nodes" });
  for (const n of data.nodes) {
    const [x, y] = pos[n.id];
    const r = 7 + 16 * Math.sqrt(n.activity / maxAct);
    nodesG.append(svg("g", {
      class: "node", transform: `translate(${x},${y})`, "data-id": n.id, tabindex: "0",
      role: "link", onclick: () => { location.hash = "#/actor/" + encodeURIComponent(n.id); },
      onkeydown: (ev) => { if (ev.key === "Enter") location.hash = "#/actor/" + encodeURIComponent(n.id); },
    },
    svg("circle", { r, fill: KIND_COLOURS[n.kind] || "#999" }),
    svg("text", { y: r + 13, "text-anchor": "middle" }, n.name),
    svg("title", {}, `${n.name} (${n.kind}) — ${n.activity} events`)));
  }
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img",
    "aria-label": "Actor network" }, edgesG, nodesG);
  const legend = el("div", { class: "legend" },
    ...Object.entries(KIND_COLOURS).map(([k, c]) => legendItem(c, k, "dot")),
    ...Object.entries(CLASS_COLOURS).map(([k, c]) => legendItem(c, k, "line")),
    el("span", { class: "muted" }, `${data.events} events in range; node size = activity, edge width = count` +
      (data.unlinked_actors ? `; ${data.unlinked_actors} actors without a counterpart not drawn` : "")));
  const side = el("aside", { id: "side", class: "side" },
    el("p", { class: "muted" }, "Click an actor to open its page, or an edge to list the events between two actors."));
  setMain(el("h1", {}, "Network"), legend,
    data.nodes.length ? el("div", { class: "split" }, chart, side) : el("p", { class: "muted" }, "No events match these filters."));
}

function legendItem(colour, label, shape) {
  const sw = el("span", { class: "swatch " + shape });
  sw.style.background = colour;
  return el("span", { class: "legend-item" }, sw, label);
}

async function showDyad(edge) {
  const side = document.getElementById("side");
  side.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const p = filterParams();
    p.actor = edge.source;
    const data = await api("events", p);
    const list = data.events.filter((e) => {
      const ids = new Set([...e.source_ids, ...e.target_ids]);
      return ids.has(edge.source) && ids.has(edge.target) && e.quad_class === edge.class;
    });
    side.replaceChildren(el("h2", {}, `${edge.class} events`), eventList(list));
  } catch (err) { side.replaceChildren(el("p", { class: "error" }, err.message)); }
}

function eventList(events) {
  if (!events.length) return el("p", { class: "muted" }, "No events.");
  return el("ul", { class: "events" }, events.map((e) => el("li", { class: "status-" + e.status },
    el("span", { class: "date" }, dateLabel(e)), " ",
    badge(e.type, e.quad_class), " ", statusBadges(e), " ",
    eventLink(e.id, `${e.source || "?"} → ${e.target || "?"}`),
    e.first_sentence ? el("div", { class: "sentence" }, e.first_sentence) : null)));
}

function dateLabel(e) {
  if (!e.date) return "undated";
  return e.date_precision && e.date_precision !== "day" ? `${e.date} (${e.date_precision})` : e.date;
}

function statusBadges(e) {
  const out = [];
  if (e.status && e.status !== "occurred") out.push(badge(e.status, "status " + e.status));
  if (e.claim || e.reported_by) out.push(badge("claimed by " + (e.reported_by || "?"), "claim"));
  if (e.disputed) out.push(badge("disputed", "disputed"));
  return out;
}

/* ------------------------------------------------------------------ timeline */
async function viewTimeline() {
  const p = filterParams();
  const data = await api("timeline", p);
  const events = data.events;
  const lo = p.since ? p.since + "-01" : data.range[0];
  const hiMonth = p.until;
  let hi = data.range[1];
  if (hiMonth) { const d = new Date(Date.UTC(+hiMonth.slice(0, 4), +hiMonth.slice(5, 7), 0)); hi = d.toISOString().slice(0, 10); }
  const parts = [el("h1", {}, "Timeline"), timelineLegend()];
  if (!events.length) parts.push(el("p", { class: "muted" }, "No dated events match these filters."));
  else {
    const W = 1000, L = 10, R = 430, ROW = 22, TOP = 30;
    const t0 = dayMs(lo), t1 = dayMs(hi) + 86400000;
    const x = (ms) => L + ((ms - t0) / Math.max(t1 - t0, 1)) * (W - L - R);
    const H = TOP + events.length * ROW + 10;
    const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img", "aria-label": "Timeline" });
    const allMonths = monthsBetween(lo, hi);
    const step = Math.max(1, Math.ceil((allMonths.length * 56) / (W - L - R)));
    allMonths.forEach((m, i) => {
      const xm = x(dayMs(m + "-01"));
      g.append(svg("line", { x1: xm, x2: xm, y1: TOP - 6, y2: H, class: i % step ? "grid" : "grid major" }));
      if (i % step === 0) g.append(svg("text", { x: xm + 2, y: TOP - 10, class: "tick" }, m));
    });
    events.forEach((e, i) => {
      const y = TOP + i * ROW;
      const xs = Math.max(x(dayMs(e.date_start)), L), xe = Math.min(x(dayMs(e.date_end) + 86400000), W - R);
      const w = Math.max(xe - xs, 4);
      const colour = CLASS_COLOURS[e.quad_class];
      const row = svg("g", { class: `row status-${e.status} precision-${e.date_precision}${e.claim ? " claim" : ""}`,
        "data-id": e.id, onclick: () => { location.hash = "#/event/" + encodeURIComponent(e.id); } });
      const bar = svg("rect", { x: xs, y: y + 3, width: w, height: ROW - 8, rx: 2, class: "bar" });
      if (e.status === "occurred") { bar.setAttribute("fill", colour); bar.setAttribute("stroke", colour); }
      else if (e.status === "negated") { bar.setAttribute("fill", "url(#hatch)"); bar.setAttribute("stroke", "#495057"); }
      else { bar.setAttribute("fill", "white"); bar.setAttribute("stroke", colour); }
      row.append(bar);
      if (e.status === "negated") row.append(svg("line", { x1: xs, x2: xs + w, y1: y + ROW / 2 - 1, y2: y + ROW / 2 - 1, class: "strike" }));
      let label = `${e.claim ? "“claimed” " : ""}${e.type} ${e.source || "?"} → ${e.target || "?"}` +
        ` · ${dateLabel(e)}${e.status !== "occurred" ? " · " + e.status : ""}${e.disputed ? " · disputed" : ""}`;
      if (label.length > 62) label = label.slice(0, 61) + "…";
      row.append(svg("text", { x: W - R + 8, y: y + ROW / 2 + 3, class: "label" }, label));
      row.append(svg("title", {}, (e.first_sentence || label)));
      g.append(row);
    });
    g.prepend(svg("defs", {}, svg("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      svg("rect", { width: 6, height: 6, fill: "#f1f3f5" }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#868e96", "stroke-width": 2 }))));
    parts.push(g);
  }
  if (data.undated.length) parts.push(el("h2", {}, `Undated (${data.undated.length})`), eventList(data.undated));
  setMain(...parts);
}

function timelineLegend() {
  return el("div", { class: "legend" },
    el("span", { class: "legend-item" }, el("span", { class: "swatch bar occurred" }), "occurred"),
    el("span", { class: "legend-item" }, el("span", { class: "swatch bar planned" }), "planned / hypothetical (hollow)"),
    el("span", { class: "legend-item" }, el("span", { class: "swatch bar negated" }), "negated (hatched, struck)"),
    el("span", { class: "legend-item" }, "“claimed” = attributed to a source"),
    el("span", { class: "muted" }, "Bars span the period the date covers: a month-dated event is a month long."));
}

/* ------------------------------------------------------------------ map */
async function viewMap() {
  if (!state.basemap) {
    const res = await fetch("/static/vendor/countries-110m.json", { signal: state.routing.signal });
    state.basemap = await res.json();
  }
  const data = await api("places", filterParams());
  const pts = data.places;
  let [x0, y0, x1, y1] = [0, 0, 360, 180];
  if (pts.length) {
    const xs = pts.map((p) => p.lon + 180), ys = pts.map((p) => 90 - p.lat);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const span = Math.max(Math.max(...xs) - Math.min(...xs) + 10, (Math.max(...ys) - Math.min(...ys) + 6) * 1.6, 24);
    x0 = cx - span / 2; x1 = cx + span / 2; y0 = cy - span / 3.2; y1 = cy + span / 3.2;
  }
  const span = x1 - x0;
  const map = svg("svg", { viewBox: `${x0} ${y0} ${x1 - x0} ${y1 - y0}`, class: "map", role: "img", "aria-label": "Map of event places" });
  map.append(svg("rect", { x: -10, y: -10, width: 380, height: 200, class: "sea" }));
  for (const c of state.basemap.countries) map.append(svg("path", { d: c.d, class: "country" }, svg("title", {}, c.name || "")));
  const maxC = Math.max(1, ...pts.map((p) => p.count));
  const fs = span * 0.022, placed = [];
  // busiest places first, so when labels would collide the better-known place keeps its label
  for (const p of [...pts].sort((a, b) => b.count - a.count)) {
    const cls = p.conflictual > p.cooperative ? "conflictual" : p.cooperative > 0 ? "cooperative" : "other";
    const r = span * (0.008 + 0.018 * Math.sqrt(p.count / maxC));
    const cx = p.lon + 180, cy = 90 - p.lat;
    const label = placeLabel(p.name, cx, cy, r, fs, placed);
    map.append(svg("g", { class: "place", "data-name": p.name, onclick: () => showPlace(p) },
      svg("circle", { cx, cy, r, fill: CLASS_COLOURS[cls] }),
      label ? svg("text", { x: label.x, y: label.y, "font-size": fs, "text-anchor": label.anchor }, p.name) : null,
      svg("title", {}, `${p.name}: ${p.count} events`)));
  }
  const side = el("aside", { id: "side", class: "side" }, el("p", { class: "muted" },
    pts.length ? "Click a place to list its events." : "No located events match these filters."));
  setMain(el("h1", {}, "Map"), el("p", { class: "muted" }, "Basemap: Natural Earth 1:110m (public domain), shipped with newsgraph — no tiles are fetched."),
    el("div", { class: "split" }, map, side));
}

/* Greedy label placement: right, left, above, below the dot; a label that would overlap one
   already drawn is left out (the dot keeps its tooltip and its click). */
function placeLabel(name, cx, cy, r, fs, placed) {
  const w = name.length * fs * 0.56, h = fs;
  const options = [
    { x: cx + r * 1.2, y: cy + fs * 0.35, anchor: "start", box: [cx + r * 1.2, cy - h / 2, w, h] },
    { x: cx - r * 1.2, y: cy + fs * 0.35, anchor: "end", box: [cx - r * 1.2 - w, cy - h / 2, w, h] },
    { x: cx, y: cy - r - fs * 0.3, anchor: "middle", box: [cx - w / 2, cy - r - h * 1.1, w, h] },
    { x: cx, y: cy + r + fs, anchor: "middle", box: [cx - w / 2, cy + r, w, h] },
  ];
  const hit = (a, b) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
  for (const o of options) {
    if (!placed.some((b) => hit(o.box, b))) { placed.push(o.box); return o; }
  }
  return null;
}

function showPlace(p) {
  document.getElementById("side").replaceChildren(el("h2", {}, p.name),
    el("p", { class: "muted" }, `${p.count} events · ${p.cooperative} cooperative · ${p.conflictual} conflictual`),
    eventList(p.events.map((e) => ({ ...e, quad_class: "" }))));
}

/* ------------------------------------------------------------------ actors */
async function viewActors() {
  const data = await api("actors", { limit: 500 });
  setMain(el("h1", {}, "Actors"), el("table", {},
    el("thead", {}, el("tr", {}, ["Actor", "Kind", "Country", "Aliases", "Mentions", "Events", "Articles"].map((h) => el("th", {}, h)))),
    el("tbody", {}, data.actors.map((a) => el("tr", {},
      el("td", {}, actorLink(a.id, a.name)), el("td", {}, a.kind), el("td", {}, a.country || ""),
      el("td", {}, a.aliases || ""), el("td", { class: "num" }, a.mentions), el("td", { class: "num" }, a.events),
      el("td", { class: "num" }, a.articles))))));
}

async function viewActor(id) {
  const a = await api("actor", { name: id });
  const months = monthsBetween(...monthRange(a.counterparts.flatMap((c) => c.months.map((m) => m.period))));
  setMain(
    el("h1", {}, a.name, " ", badge(a.kind, "kind")),
    el("p", { class: "muted" }, [a.country, a.sector, `${a.mentions} mentions`, `${a.events} events`, `${a.articles} articles`].filter(Boolean).join(" · ")),
    el("div", { class: "cols" },
      el("section", {}, el("h2", {}, "Aliases"), el("table", { class: "aliases" },
        el("tbody", {}, a.aliases.map((r) => el("tr", {}, el("td", {}, r.alias), el("td", { class: "num" }, r.count)))))),
      el("section", {}, el("h2", {}, "Roles"), a.roles.length
        ? el("ul", {}, a.roles.map((r) => el("li", {}, r.role, el("span", { class: "muted" }, ` (${r.articles} articles)`))))
        : el("p", { class: "muted" }, "No roles recorded."))),
    el("h2", {}, "Counterparts and relation per month"),
    el("p", { class: "muted" }, "Bars above the line: cooperative events; below: conflictual. Dark = stated as fact, light = attributed claim."),
    a.counterparts.length ? el("table", { class: "counterparts" },
      el("thead", {}, el("tr", {}, ["Counterpart", "Events", "Coop.", "Conflict", "Per month"].map((h) => el("th", {}, h)))),
      el("tbody", {}, a.counterparts.map((c) => el("tr", {},
        el("td", {}, actorLink(c.counterpart_id, c.counterpart)), el("td", { class: "num" }, c.events),
        el("td", { class: "num" }, c.cooperative), el("td", { class: "num" }, c.conflictual),
        el("td", {}, monthChart(c.months, months))))))
      : el("p", { class: "muted" }, "No counterparts."),
    el("h2", {}, `Events (${a.timeline.length})`), eventList(a.timeline));
}

function monthRange(periods) {
  const ms = periods.filter((p) => /^\d{4}-\d{2}/.test(p)).map((p) => p.slice(0, 7)).sort();
  return ms.length ? [ms[0] + "-01", ms[ms.length - 1] + "-01"] : [null, null];
}

function monthChart(rows, months) {
  const W = Math.max(months.length * 14, 60), H = 44, mid = H / 2;
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "spark" });
  g.append(svg("line", { x1: 0, x2: W, y1: mid, y2: mid, class: "axis" }));
  const max = Math.max(1, ...rows.map((r) => Math.max(r.cooperative, r.conflictual)));
  const undated = [];
  for (const r of rows) {
    const i = months.indexOf(r.period.slice(0, 7));
    if (i < 0 || r.period.length < 7) { undated.push(r); continue; }
    const hc = (r.cooperative / max) * (mid - 2), hk = (r.conflictual / max) * (mid - 2);
    const x = i * 14 + 2;
    if (hc) g.append(svg("rect", { x, y: mid - hc, width: 10, height: hc, fill: CLASS_COLOURS.cooperative, "fill-opacity": r.claims && !r.facts ? 0.45 : 1 }, svg("title", {}, `${r.period}: ${r.cooperative} cooperative`)));
    if (hk) g.append(svg("rect", { x, y: mid, width: 10, height: hk, fill: CLASS_COLOURS.conflictual, "fill-opacity": r.claims && !r.facts ? 0.45 : 1 }, svg("title", {}, `${r.period}: ${r.conflictual} conflictual`)));
  }
  const wrap = el("span", { class: "chart" }, g);
  if (undated.length) wrap.append(el("span", { class: "muted" }, " + " + undated.map((r) => `${r.period}: ${r.events}`).join(", ")));
  return wrap;
}

/* ------------------------------------------------------------------ event */
function sentence(ev) {
  return el("blockquote", { class: "evidence" }, (ev.segments || [{ text: ev.sentence }]).map((s) =>
    s.actor_id ? el("a", { href: "#/actor/" + encodeURIComponent(s.actor_id), class: "hl actor", title: s.actor }, s.text)
      : s.trigger ? el("mark", { class: "trigger" }, s.text) : s.text));
}

function citation(ev) {
  return el("div", { class: "cite" },
    safeHref(ev.url) ? el("a", { href: ev.url, rel: "noopener noreferrer", target: "_blank" }, ev.title || ev.url) : (ev.title || "untitled"),
    " — ", ev.outlet || "unknown outlet", ", ", ev.published || "undated",
    ev.status && ev.status !== "occurred" ? [" ", badge(ev.status, "status " + ev.status)] : null,
    ev.reported_by ? [" ", badge("according to " + ev.reported_by, "claim")] : null,
    ev.near_duplicate_of ? [" ", badge("near-duplicate", "muted")] : null);
}

function evidenceBlock(ev) { return el("div", { class: "evidence-item" }, sentence(ev), citation(ev)); }

async function viewEvent(id) {
  const d = await api("event", { id });
  const e = d.event;
  const actors = (ids, names) => {
    const ns = (names || "").split("; ");
    return ids.length ? ids.map((x, i) => actorLink(x, ns[i] || x)).flatMap((n, i) => (i ? [", ", n] : [n])) : ["?"];
  };
  const parts = [
    el("h1", {}, badge(e.type, e.quad_class), " ", ...actors(e.source_ids, e.source), " → ", ...actors(e.target_ids, e.target)),
    el("p", {}, statusBadges(e), " ", badge(e.status, "status " + e.status)),
    el("dl", { class: "facts" },
      el("dt", {}, "Date"), el("dd", {}, dateLabel(e) + (e.date_start && e.date_start !== e.date_end ? ` (${e.date_start} – ${e.date_end})` : "")),
      el("dt", {}, "Place"), el("dd", {}, e.location ? `${e.location}${e.country ? " (" + e.country + ")" : ""}` : "—"),
      el("dt", {}, "Mediator"), el("dd", {}, e.mediator_ids.length ? actors(e.mediator_ids, e.mediator) : "—"),
      el("dt", {}, "CAMEO / mode"), el("dd", {}, `${e.cameo || "—"} / ${e.mode || "—"}`),
      el("dt", {}, "Reports"), el("dd", {}, `${e.mention_count} sentences in ${e.source_count} independent sources · confidence ${e.confidence}`)),
    el("h2", {}, "Evidence"), el("div", { class: "evidence-list" }, d.evidence.map(evidenceBlock)),
    el("h2", {}, "Articles reporting it"),
    el("ul", {}, d.articles.map((a) => el("li", {}, citation({ ...a, status: a.statuses.join("/") })))),
  ];
  if (d.disputed_within.length) {
    parts.push(el("h2", { class: "warn" }, "Sources disagree"),
      el("div", { class: "side-by-side" }, [...d.disputed_within].sort((a, b) => (a.status === "occurred" ? -1 : b.status === "occurred" ? 1 : 0)).map((g) => el("div", {},
        el("h3", {}, "Says: " + g.status), g.evidence.map(evidenceBlock)))));
  }
  for (const dis of d.disagreements) {
    parts.push(el("h2", { class: "warn" }, "Conflicting report: " + dis.reason),
      el("div", { class: "side-by-side" },
        el("div", {}, el("h3", {}, `This event: ${e.type} (${e.status})`), d.evidence.map(evidenceBlock)),
        el("div", {}, el("h3", {}, "Other: ", eventLink(dis.event.id, `${dis.event.type} (${dis.event.status}) ${dateLabel(dis.event)}`)),
          dis.evidence.map(evidenceBlock))));
  }
  setMain(...parts);
}

/* ------------------------------------------------------------------ search */
async function viewSearch(q) {
  document.getElementById("search-input").value = q;
  const d = await api("search", { q });
  setMain(el("h1", {}, "Search: ", q),
    el("h2", {}, `Actors (${d.actors.length})`),
    d.actors.length ? el("ul", {}, d.actors.map((a) => el("li", {}, actorLink(a.id, a.text)))) : el("p", { class: "muted" }, "None."),
    el("h2", {}, `Events (${d.events.length})`),
    d.events.length ? el("ul", { class: "events" }, d.events.map((h) => el("li", {}, eventLink(h.id, h.text)))) : el("p", { class: "muted" }, "None."));
}

/* ------------------------------------------------------------------ routing */
function currentView() {
  const h = location.hash.replace(/^#\/?/, "");
  const [name, ...rest] = h.split("/");
  let arg = rest.join("/");
  try { arg = decodeURIComponent(arg); } catch (_) { /* keep raw */ }
  return { name: name || "network", arg };
}

async function route() {
  state.routing.abort();
  state.routing = new AbortController();
  document.body.dataset.ready = "loading";
  const v = currentView();
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === v.name));
  document.getElementById("filters").hidden = !["network", "timeline", "map"].includes(v.name);
  try {
    if (v.name === "timeline") await viewTimeline();
    else if (v.name === "map") await viewMap();
    else if (v.name === "actors") await viewActors();
    else if (v.name === "actor") await viewActor(v.arg);
    else if (v.name === "event") await viewEvent(v.arg);
    else if (v.name === "search") await viewSearch(v.arg);
    else await viewNetwork();
    document.body.dataset.ready = v.name;
  } catch (err) {
    if (err.name === "AbortError") return; // superseded by a newer route
    showError(err); document.body.dataset.ready = "error";
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("search-input").value.trim();
    if (q) location.hash = "#/search/" + encodeURIComponent(q);
  });
  try { await initFilters(); } catch (err) { showError(err); return; }
  window.addEventListener("hashchange", route);
  route();
});

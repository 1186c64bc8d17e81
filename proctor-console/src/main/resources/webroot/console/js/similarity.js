// The evidence behind a B2 / C5 proposal of the answer-similarity detector, reduced to what the chief proctor reads:
// item by item who answered what and when, and where the candidates sat. Pure functions (no DOM), so they are
// unit-tested in node; console.js draws their results.

/**
 * One flagged pair's items as table rows: kind is 'same' or 'different' (the stream carries no option and no
 * right/wrong, see SimilarityEvidence); lagSeconds is how much later B saved the item than A (negative when B was
 * first), null when a time is unknown. Items answered alike first, closest in time first (lockstep shows at the top),
 * then the rest in the order received.
 */
export function pairRows(pair) {
  const rows = (pair.items || []).map((it, index) => {
    const kind = it.identical ? 'same' : 'different';
    const known = it.savedAtA >= 0 && it.savedAtB >= 0;
    return {
      index, itemId: it.itemId, kind,
      savedAtA: it.savedAtA >= 0 ? it.savedAtA : null, savedAtB: it.savedAtB >= 0 ? it.savedAtB : null,
      lagSeconds: known ? Math.round((it.savedAtB - it.savedAtA) / 1000) : null,
    };
  });
  const gap = r => (r.kind === 'same' && r.lagSeconds !== null ? Math.abs(r.lagSeconds) : Infinity);
  return rows.sort((x, y) => (x.kind === y.kind ? 0 : x.kind === 'same' ? -1 : 1)
    || (x.kind === 'same' ? gap(x) - gap(y) : 0) || x.index - y.index);
}

/** How many items of a pair were saved alike within `seconds` of each other (the lockstep the timing tests see). */
export function lockstepCount(pair, seconds = 30) {
  return pairRows(pair).filter(r => r.kind === 'same' && r.lagSeconds !== null
    && Math.abs(r.lagSeconds) <= seconds).length;
}

/**
 * The seat map around a proposal's members, per room: the rows and columns they span with one seat of margin, each
 * cell either a member (its seat code and attempt) or empty. Rooms sorted by name.
 */
export function seatGrid(members) {
  const byRoom = new Map();
  for (const m of members || []) {
    if (!m.room || !(m.row > 0) || !(m.col > 0)) continue;
    if (!byRoom.has(m.room)) byRoom.set(m.room, []);
    byRoom.get(m.room).push(m);
  }
  return [...byRoom.keys()].sort().map(room => {
    const ms = byRoom.get(room);
    const rows = ms.map(m => m.row);
    const cols = ms.map(m => m.col);
    const r0 = Math.max(1, Math.min(...rows) - 1);
    const r1 = Math.max(...rows) + 1;
    const c0 = Math.max(1, Math.min(...cols) - 1);
    const c1 = Math.max(...cols) + 1;
    const grid = [];
    for (let r = r0; r <= r1; r++) {
      const line = [];
      for (let c = c0; c <= c1; c++) {
        const m = ms.find(x => x.row === r && x.col === c);
        line.push(m ? { row: r, col: c, seatCode: m.seatCode, attemptId: m.attemptId } : { row: r, col: c });
      }
      grid.push(line);
    }
    return { room, firstRow: r0, firstCol: c0, grid };
  });
}

/** A p-value as the page prints it: 3.2e-7, or "< 1e-300" for an underflow. */
export function fmtP(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  if (p === 0) return '< 1e-300';
  return p >= 0.01 ? p.toFixed(2) : p.toExponential(1);
}

/**
 * The members of a C5 proposal that joined through a group test, each with its seat and what it was compared with:
 * `anchor` is the seat of the member whose answers it matched (the ring statistic), null when it matched the group's
 * consensus. Ring partners first, so the ring reads as one line of evidence.
 */
export function joinedMembers(evidence) {
  const seatOf = id => (evidence.members.find(m => m.attemptId === id) || {seatCode: id}).seatCode;
  return (evidence.joined || []).map((j, index) => ({
    index, seat: seatOf(j.attemptId), anchor: j.comparedWith ? seatOf(j.comparedWith) : null,
    agreeing: j.agreeing, items: j.itemsCompared, pValue: j.pValue, threshold: j.threshold,
  })).sort((x, y) => (x.anchor === null) - (y.anchor === null) || x.index - y.index);
}

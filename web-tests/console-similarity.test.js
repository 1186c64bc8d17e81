import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { pairRows, lockstepCount, seatGrid, fmtP, joinedMembers }
  from '../proctor-console/src/main/resources/webroot/console/js/similarity.js';

const item = (itemId, answerA, answerB, correctA, savedAtA, savedAtB) => ({ itemId,
  identical: answerA === answerB, savedAtA, savedAtB });

describe('the evidence behind a similarity flag', () => {
  test('lists the items answered alike first, closest in time first, then the rest, with B\'s lag', () => {
    const rows = pairRows({ items: [
      item('Q1', 'o1', 'o2', true, 1000, 9000),
      item('Q2', 'o3', 'o3', true, 20000, 26000),
      item('Q3', 'o2', 'o2', false, 50000, 44000),
      item('Q4', 'o4', 'o4', false, -1, 3000),
    ] });
    assert.deepEqual(rows.map(r => [r.itemId, r.kind, r.lagSeconds]), [
      ['Q2', 'same', 6], ['Q3', 'same', -6], ['Q4', 'same', null], ['Q1', 'different', 8]]);
    assert.equal(rows[2].savedAtA, null);
    assert.equal(Object.hasOwn(rows[0], 'answerA'), false);
  });

  test('counts the alike answers saved within 30 s of each other, in either order', () => {
    const pair = { items: [item('Q1', 'a', 'a', true, 0, 29000), item('Q2', 'b', 'b', false, 60000, 31000),
      item('Q3', 'c', 'c', false, 0, 31000), item('Q4', 'a', 'b', true, 0, 1000)] };
    assert.equal(lockstepCount(pair), 2);
  });

  test('draws the seat map around the members with one seat of margin, per room', () => {
    const maps = seatGrid([
      { attemptId: 'a1', seatCode: 'R1-07', room: 'R1', row: 2, col: 3 },
      { attemptId: 'a2', seatCode: 'R1-08', room: 'R1', row: 2, col: 4 },
      { attemptId: 'b1', seatCode: 'R2-01', room: 'R2', row: 1, col: 1 },
      { attemptId: 'x', seatCode: 'X', room: null, row: 0, col: 0 },
    ]);
    assert.deepEqual(maps.map(m => [m.room, m.firstRow, m.firstCol, m.grid.length, m.grid[0].length]),
      [['R1', 1, 2, 3, 4], ['R2', 1, 1, 2, 2]]);
    assert.deepEqual(maps[0].grid[1].map(c => c.seatCode || '.'), ['.', 'R1-07', 'R1-08', '.']);
  });

  test('prints p-values readably', () => {
    assert.equal(fmtP(3.24e-7), '3.2e-7');
    assert.equal(fmtP(0.25), '0.25');
    assert.equal(fmtP(0), '< 1e-300');
    assert.equal(fmtP(null), '–');
  });

  test('lists a ring\'s partners with the seat whose answers they matched, before consensus joiners', () => {
    const joined = joinedMembers({
      members: [{attemptId: 'a1', seatCode: 'S01'}, {attemptId: 'a2', seatCode: 'S14'},
        {attemptId: 'a3', seatCode: 'S29'}, {attemptId: 'a4', seatCode: 'S33'}],
      joined: [
        {attemptId: 'a4', itemsCompared: 50, agreeing: 41, pValue: 1e-6, threshold: 1e-4, comparedWith: null},
        {attemptId: 'a2', itemsCompared: 60, agreeing: 45, pValue: 2e-5, threshold: 1.5e-4, comparedWith: 'a1'},
        {attemptId: 'a3', itemsCompared: 58, agreeing: 44, pValue: 3e-5, threshold: 1.5e-4, comparedWith: 'a1'},
      ]});
    assert.deepEqual(joined.map(j => [j.seat, j.anchor, j.agreeing, j.items]),
      [['S14', 'S01', 45, 60], ['S29', 'S01', 44, 58], ['S33', null, 41, 50]]);
    assert.equal(joined[0].threshold, 1.5e-4);
    assert.deepEqual(joinedMembers({members: [], joined: undefined}), []);
  });
});

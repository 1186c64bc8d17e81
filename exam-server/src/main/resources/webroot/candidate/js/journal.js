// The page's answer state for one attempt, and the local journal that keeps every save the server
// has not acknowledged yet. The journal and the per-item revision counters live in localStorage so
// that a reload, a crash of the page or a long outage loses nothing the candidate entered; the
// server's `welcome` vector restores everything it already holds.
//
// localStorage keys (all per attempt):
//   examcore.journal.<attemptId>  {"<item>": {value, rev, sent}}  unacknowledged saves
//   examcore.revs.<attemptId>     {"<item>": rev}                 highest rev used or seen per item
//   examcore.marks.<attemptId>    [item, …]                        marked for review (page only)
//   examcore.files.<attemptId>    {"<fileId>": {name, size}}      names of uploaded files

/** A value counts as an answer unless it is null (the page sends null when an answer is cleared). */
export const isAnswered = (value) => value !== null && value !== undefined;

export class AnswerStore {
  constructor(attemptId, storage = window.localStorage) {
    this.attemptId = attemptId;
    this.storage = storage;
    this.storageFailed = false;
    this.keys = {
      journal: `examcore.journal.${attemptId}`,
      revs: `examcore.revs.${attemptId}`,
      marks: `examcore.marks.${attemptId}`,
      files: `examcore.files.${attemptId}`,
    };
    this.journal = this.read(this.keys.journal, {});
    this.revs = this.read(this.keys.revs, {});
    this.marks = new Set(this.read(this.keys.marks, []));
    this.files = this.read(this.keys.files, {});
    this.rejected = new Map(); // item -> server message, for saves the server refused
    /** item -> {value, rev}: the page's current view of every answer. */
    this.answers = new Map();
    for (const [item, entry] of Object.entries(this.journal)) {
      this.answers.set(Number(item), { value: entry.value, rev: entry.rev });
    }
  }

  read(key, fallback) {
    try {
      const raw = this.storage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  }

  write(key, value) {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch {
      this.storageFailed = true;
    }
  }

  persist() {
    this.write(this.keys.journal, this.journal);
    this.write(this.keys.revs, this.revs);
  }

  value(item) {
    const answer = this.answers.get(item);
    return answer ? answer.value : null;
  }

  isAnswered(item) {
    return isAnswered(this.value(item));
  }

  /**
   * Records a change by the candidate. A change that has not been sent yet is folded into its
   * pending entry (same rev) so debounced typing does not burn revisions; otherwise the item's
   * revision moves up by one.
   */
  set(item, value) {
    const pending = this.journal[item];
    let rev;
    if (pending && !pending.sent) {
      rev = pending.rev;
    } else {
      rev = Math.max(this.revs[item] || 0, this.answers.get(item)?.rev || 0) + 1;
      this.revs[item] = rev;
    }
    this.journal[item] = { value, rev, sent: false };
    this.answers.set(item, { value, rev });
    this.rejected.delete(item);
    this.persist();
    return { item, value, rev };
  }

  /** Journal entries not sent since they were last changed. */
  unsent() {
    return Object.entries(this.journal)
      .filter(([, entry]) => !entry.sent)
      .map(([item, entry]) => ({ item: Number(item), value: entry.value, rev: entry.rev }));
  }

  markSent(item) {
    if (this.journal[item]) {
      this.journal[item].sent = true;
      this.persist();
    }
  }

  /** After a reconnect every journal entry travels again (in `hello`). */
  markAllSent() {
    for (const entry of Object.values(this.journal)) entry.sent = true;
    this.persist();
  }

  /** A save the server could not take (e.g. `PAUSED`, `RETRY`): send it again later. */
  markUnsent(item) {
    if (this.journal[item]) {
      this.journal[item].sent = false;
      this.persist();
    }
  }

  markAllUnsent() {
    for (const entry of Object.values(this.journal)) entry.sent = false;
    this.persist();
  }

  /** `saved {item, rev}`: that revision (or a higher one) is held by the server. */
  acknowledge(item, rev) {
    const entry = this.journal[item];
    if (entry && entry.rev <= rev) {
      delete this.journal[item];
      this.persist();
    }
    if ((this.revs[item] || 0) < rev) {
      this.revs[item] = rev;
      this.persist();
    }
  }

  /** The server refused a save for good (`BAD_VALUE`, `UNKNOWN_ITEM` …): stop re-sending it. */
  reject(item, message) {
    delete this.journal[item];
    this.rejected.set(item, message);
    this.persist();
  }

  /** The whole answer vector, as `hello` and `submit` carry it. */
  vector() {
    return Array.from(this.answers.entries())
      .sort(([a], [b]) => a - b)
      .map(([item, { value, rev }]) => ({ item, value, rev }));
  }

  /**
   * Applies the server's vector from `welcome`: for each item the higher rev wins, and journal
   * entries the server already holds (same or higher rev) are acknowledged. Returns the items whose
   * displayed value changed.
   */
  merge(serverAnswers) {
    const changed = [];
    for (const { item, value, rev } of serverAnswers || []) {
      const local = this.answers.get(item);
      if (!local || rev > local.rev) {
        this.answers.set(item, { value, rev });
        changed.push(item);
      }
      if ((this.revs[item] || 0) < rev) this.revs[item] = rev;
      const entry = this.journal[item];
      if (entry && entry.rev <= rev) delete this.journal[item];
    }
    this.persist();
    return changed;
  }

  pendingCount() {
    return Object.keys(this.journal).length;
  }

  isPending(item) {
    return item in this.journal;
  }

  toggleMark(item) {
    if (this.marks.has(item)) this.marks.delete(item);
    else this.marks.add(item);
    this.write(this.keys.marks, Array.from(this.marks));
    return this.marks.has(item);
  }

  isMarked(item) {
    return this.marks.has(item);
  }

  rememberFile(fileId, name, size) {
    this.files[fileId] = { name, size };
    this.write(this.keys.files, this.files);
  }

  fileInfo(fileId) {
    return this.files[fileId] || { name: fileId, size: null };
  }

  /** After submission nothing of the attempt needs to stay on the terminal. */
  clear() {
    for (const key of Object.values(this.keys)) {
      try { this.storage.removeItem(key); } catch { /* nothing to free */ }
    }
    this.journal = {};
  }
}

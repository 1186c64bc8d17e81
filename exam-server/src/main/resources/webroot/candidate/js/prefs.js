// Text size of the page, adjustable with A−/A+ and persisted per terminal: candidates with poor
// eyesight should not have to ask for it again after a reload.
const STORAGE_KEY = 'examcore.fontSize';
const SIZES = [14, 16, 18, 20, 22, 24, 28];
const DEFAULT_SIZE = 18;

let size = readStored();

function readStored() {
  try {
    const stored = Number(localStorage.getItem(STORAGE_KEY));
    return SIZES.includes(stored) ? stored : DEFAULT_SIZE;
  } catch {
    return DEFAULT_SIZE;
  }
}

/** The root font size in CSS pixels. */
export function fontSize() {
  return size;
}

/** Applies the stored size to the document. */
export function applyFontSize() {
  document.documentElement.style.fontSize = `${size}px`;
}

/** Moves one step smaller (-1) or larger (+1); returns the new size. */
export function stepFontSize(direction) {
  const index = SIZES.indexOf(size) + Math.sign(direction);
  size = SIZES[Math.min(SIZES.length - 1, Math.max(0, index))];
  try { localStorage.setItem(STORAGE_KEY, String(size)); } catch { /* lasts for this page only */ }
  applyFontSize();
  return size;
}

export const canShrink = () => size > SIZES[0];
export const canGrow = () => size < SIZES[SIZES.length - 1];

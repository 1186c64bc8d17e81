// 参评人员须知: which version of the rules text this page holds and shows.

/**
 * The version of the candidate rules text in messages.js (rules.*); change it whenever that text changes, and the
 * server's list of versions the page holds with it (SittingRules.TEXT_VERSIONS).
 */
export const RULES_VERSION = '2025-1';

/**
 * The rules text version this page shows for a sitting: the one the sitting names (the login says which), which the
 * server only lets name a version this page holds; this page's own when a server says none.
 */
export function rulesVersionShown(sitting) {
  return sitting && sitting.rulesVersion === RULES_VERSION ? sitting.rulesVersion : RULES_VERSION;
}

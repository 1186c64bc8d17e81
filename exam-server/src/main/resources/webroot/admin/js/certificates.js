// Certificates (证书) on the administrators' results view, as plain functions (unit-tested in
// web-tests/certificates.test.js): what a row says. The verification code exists in the page only in the reply that
// issued the certificate (the server keeps a hash), so a row shows it only while the page still holds it.

/**
 * The cells of one certificate row: number, ticket, name, status, who issued it when, and the verification code
 * when `codes` (number → code) holds it.
 */
export function certificateCells(c, t, codes, time) {
  const status = c.status === 'REVOKED' ? t('certs.status.REVOKED', { at: c.revokedAt ? time(c.revokedAt) : '' })
    : t(`certs.status.${c.status}`);
  return [c.number, c.ticket, c.name, status, t('certs.issuedBy', { by: c.issuedBy, at: time(c.issuedAt) }),
    codes.get(c.number) || t('certs.codeGone')];
}

/** The line said after issuing: how many were issued now, or that none was due. */
export function issuedMessage(list, t) {
  return list.length ? t('certs.done', { n: list.length }) : t('certs.noneDue');
}

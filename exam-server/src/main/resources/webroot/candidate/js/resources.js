// Bank resources shown inside item HTML (`<img src="res:NAME">`, docs/candidate-protocol.md §3).
// GET /api/candidate/resource/{name} needs the bearer token and an <img> cannot send a header, so each
// image is fetched here with the token, turned into a blob: URL and set as the image's source. The
// URLs are cached per name for the attempt and revoked when it ends, so a logged-out terminal keeps
// nothing of the last candidate's paper in memory.
import { h } from './dom.js';
import { t } from './i18n.js';

export class ResourceImages {
  /** @param {(name: string) => Promise<Blob>} fetchBlob  loads one resource, e.g. api.fetchResource */
  constructor(fetchBlob) {
    this.fetchBlob = fetchBlob;
    this.urls = new Map(); // name → Promise<string> (a blob: URL)
    this.created = [];
    this.closed = false;
  }

  /** The blob: URL of resource `name`, fetched once; a failed fetch is forgotten so a later call retries. */
  url(name) {
    if (this.closed) return Promise.reject(new Error('the attempt has ended'));
    let pending = this.urls.get(name);
    if (!pending) {
      pending = this.fetchBlob(name).then((blob) => {
        const url = URL.createObjectURL(blob);
        if (this.closed) {
          // The attempt ended while this was on the wire: nothing may outlive it.
          URL.revokeObjectURL(url);
          throw new Error('the attempt has ended');
        }
        this.created.push(url);
        return url;
      });
      pending.catch(() => { if (this.urls.get(name) === pending) this.urls.delete(name); });
      this.urls.set(name, pending);
    }
    return pending;
  }

  /**
   * Resolves every image trustedHtml() left under `root` (`img[data-res]`). Each stays hidden behind a small
   * placeholder with its alt text until it has loaded; a failure leaves the placeholder, saying so.
   * Returns a promise that settles when every image has loaded or failed.
   */
  resolve(root) {
    const images = Array.from(root.querySelectorAll('img[data-res]'));
    return Promise.all(images.map((img) => this.resolveOne(img)));
  }

  async resolveOne(img) {
    const name = img.dataset.res;
    const label = img.getAttribute('alt') || name || t('img.unnamed');
    let placeholder = img.previousElementSibling;
    if (!placeholder?.classList.contains('res-placeholder')) {
      placeholder = h('span', { class: 'res-placeholder', role: 'img' });
      img.before(placeholder);
    }
    const mark = (state, key) => {
      img.dataset.resState = state;
      placeholder.dataset.state = state;
      placeholder.setAttribute('aria-label', t(key, { alt: label }));
      placeholder.replaceChildren(h('span', { class: 'res-icon', 'aria-hidden': 'true', text: state === 'failed' ? '!' : '…' }),
        h('span', { class: 'res-alt', 'aria-hidden': 'true', text: t(key, { alt: label }) }));
    };
    mark('loading', 'img.loading');
    if (!name) {
      mark('failed', 'img.failed');
      return;
    }
    try {
      const url = await this.url(name);
      await new Promise((resolve, reject) => {
        img.addEventListener('load', resolve, { once: true });
        img.addEventListener('error', () => reject(new Error(`resource ${name} is not an image`)), { once: true });
        img.src = url;
      });
      img.dataset.resState = 'loaded';
      placeholder.remove();
    } catch (error) {
      img.removeAttribute('src');
      if (img.isConnected) mark('failed', 'img.failed');
      console.warn('item image could not be shown', name, error);
    }
  }

  /** Revokes every blob: URL made for the attempt; later calls to url() fail. */
  close() {
    this.closed = true;
    for (const url of this.created) URL.revokeObjectURL(url);
    this.created = [];
    this.urls.clear();
  }
}

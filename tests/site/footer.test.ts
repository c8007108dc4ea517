/**
 * The national build's footer and header (dist/, built from sites/national.yaml): every page shows
 * the footer fields the configuration gives, as text and links, and none it leaves out; the open
 * data and feed links follow their switches; no logo or brand colours, as none is configured.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSiteConfig, NATIONAL_SITE_CONFIG } from '../../src/lib/site/load';
import { assertBuilt, htmlFiles, normalizeSpace, page, urlOf } from '../helpers/dist';

const site = loadSiteConfig(NATIONAL_SITE_CONFIG);

/** Each footer field: its label, the value the national configuration gives (if any), and the link it must make. */
const FIELDS = [
  { key: 'sponsor', label: '主办单位', value: site.footer.sponsor },
  { key: 'organizer', label: '承办单位', value: site.footer.organizer },
  { key: 'siteCode', label: '网站标识码', value: site.footer.siteCode },
  { key: 'icp', label: 'ICP备案号', value: site.footer.icp, href: () => 'https://beian.miit.gov.cn/' },
  { key: 'psb', label: '公安备案号', value: site.footer.psb, href: (v: string) => `https://beian.mps.gov.cn/#/query/webSearch?code=${v.replace(/\D/g, '')}` },
  { key: 'phone', label: '电话', value: site.footer.contact?.phone, href: (v: string) => `tel:${v.replace(/\D/g, '')}` },
  { key: 'email', label: '邮箱', value: site.footer.contact?.email, href: (v: string) => `mailto:${v}` },
  { key: 'address', label: '地址', value: site.footer.contact?.address },
];

const pages = () => htmlFiles().map(urlOf);

beforeAll(() => assertBuilt());

describe('the national configuration', () => {
  it('gives some footer fields and leaves others out, so both are checked', () => {
    expect(FIELDS.filter((f) => f.value).length).toBeGreaterThan(0);
    expect(FIELDS.filter((f) => !f.value).length).toBeGreaterThan(0);
  });
});

describe('footer', () => {
  it.each(FIELDS)('$label ($key): on every page exactly when configured, with its link', ({ key, label, value, href }) => {
    const bad: string[] = [];
    for (const url of pages()) {
      const $ = page(url);
      const item = $(`footer dl > div[data-footer="${key}"]`);
      if (!value) {
        if (item.length || $('footer').text().includes(`${label}：`)) bad.push(`${url}: shows ${label}, which the configuration leaves out`);
        continue;
      }
      const shown = `${normalizeSpace(item.find('dt').text())}${normalizeSpace(item.find('dd').text())}`;
      if (shown !== `${label}：${value}`) bad.push(`${url}: “${shown}”, expected “${label}：${value}”`);
      const link = item.find('dd a');
      if (href && link.attr('href') !== href(value)) bad.push(`${url}: ${label} links to ${link.attr('href')}, expected ${href(value)}`);
      if (!href && link.length) bad.push(`${url}: ${label} is a link`);
    }
    expect(bad).toEqual([]);
  });

  it('names its list of site facts', () => {
    for (const url of pages()) expect(page(url)('footer dl').attr('aria-label'), url).toBe('网站信息');
  });

  it('links the open data and the feed as their switches say', () => {
    for (const url of pages()) {
      const hrefs = page(url)('footer a').map((_, a) => page(url)(a).attr('href')).get();
      expect(hrefs.includes('/data/reports.json') && hrefs.includes('/data/indicators.csv'), `${url}: open-data links`).toBe(site.openData);
      expect(hrefs.includes('/feed.xml'), `${url}: feed link`).toBe(site.feed);
      expect(page(url)('head link[rel="alternate"][type="application/rss+xml"]').attr('href'), `${url}: feed in <head>`).toBe(site.feed ? '/feed.xml' : undefined);
    }
  });
});

describe('header', () => {
  it('shows the short name on phones and the full name on wider screens, beside no logo', () => {
    expect(site.branding.logo).toBeUndefined();
    for (const url of pages()) {
      const home = page(url)('header a[href="/"]').first();
      expect(home.find('img').length, `${url}: logo`).toBe(0);
      expect(home.find('span.sm\\:hidden').text(), `${url}: short name`).toBe(site.shortName);
      expect(home.find('span.hidden.sm\\:inline').text(), `${url}: name`).toBe(site.name);
    }
  });

  it('carries the reading-mode switches, and no brand colours of a site’s own', () => {
    expect(site.branding.colors).toEqual({});
    for (const url of pages()) {
      const $ = page(url);
      expect($('header fieldset legend').text(), url).toBe('阅读模式');
      expect($('header input[type="checkbox"]').map((_, el) => `${$(el).attr('id')} ${normalizeSpace($(el).parent('label').text())}`).get(), url).toEqual(['mode-large 大字号', 'mode-contrast 高对比度']);
      expect($('head style').length, `${url}: <style> in <head>`).toBe(0);
    }
  });
});

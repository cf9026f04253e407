import { expect } from '@open-wc/testing';
import { parseWidgetUrl } from '../../src/flow/widget-url.js';

describe('parseWidgetUrl', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(parseWidgetUrl('https://widget.qwist.cloud/?token=abc')?.origin).to.equal('https://widget.qwist.cloud');
    expect(parseWidgetUrl('http://localhost:5173/w')?.hostname).to.equal('localhost');
    expect(parseWidgetUrl('http://127.0.0.1:9/w')?.hostname).to.equal('127.0.0.1');
    expect(parseWidgetUrl('http://[::1]:9/w')?.hostname).to.equal('[::1]');
  });

  it('refuses everything else', () => {
    for (const bad of [
      'http://widget.qwist.cloud/',
      'http://localhost.evil.example/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://localhost/',
      '/relative/path',
      '',
      42,
      undefined,
    ]) {
      expect(parseWidgetUrl(bad), String(bad)).to.equal(null);
    }
  });
});

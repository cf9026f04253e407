import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"","description":"","frontmatter":{"layout":"home","hero":{"name":"nrich-connect","text":"Connect a bank account in one element","tagline":"A drop-in <nrich-connect> element for the page, a backend kit for the server, and a sandbox to test both.","actions":[{"theme":"brand","text":"Guides","link":"/frameworks"},{"theme":"alt","text":"Going to production","link":"/production"},{"theme":"alt","text":"API reference","link":"/api"}]},"features":[{"title":"Guides per setup","details":"Plain HTML and the CDN, React, Next.js, Vue, Angular, and the backend half for each.","link":"/frameworks"},{"title":"Host backend","details":"createConnectHandlers, the one-time and ongoing patterns, stores and token keys.","link":"/backend"},{"title":"Testing your integration","details":"The sandbox as a process or in-process, with Playwright and WebdriverIO recipes.","link":"/testing"},{"title":"Server kit reference","details":"Every export of nrich-connect/server, generated from its types.","link":"/server-api/"}]},"headers":[],"relativePath":"index.md","filePath":"index.md"}');
const _sfc_main = { name: "index.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("index.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const index = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  index as default
};

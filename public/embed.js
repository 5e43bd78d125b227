// Luukku form embed: <script src="https://LUUKKU/embed.js" data-org="ORG" data-form="FORM" async></script>
// Puts the form in an iframe where the script tag is and keeps the frame as tall as the form.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src).origin;
  var org = script.getAttribute('data-org');
  var form = script.getAttribute('data-form');
  if (!org || !form) return;
  var lang = script.getAttribute('data-lang') || document.documentElement.lang || '';
  var frame = document.createElement('iframe');
  frame.src = base + '/embed/o/' + encodeURIComponent(org) + '/' + encodeURIComponent(form) +
    (/^(fi|sv|en)$/.test(lang) ? '?lang=' + lang : '');
  frame.title = script.getAttribute('data-title') || form;
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.minHeight = '40rem';
  frame.setAttribute('loading', 'lazy');
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener('message', function (e) {
    if (e.origin !== base || e.source !== frame.contentWindow) return;
    if (e.data && e.data.luukku === 'height' && typeof e.data.value === 'number') {
      frame.style.height = Math.ceil(e.data.value) + 'px';
    }
  });
})();

// Inside a framed Luukku form: tells the embedding page how tall the form is.
(function () {
  if (window.parent === window) return;
  function report() {
    window.parent.postMessage({ luukku: 'height', value: document.documentElement.scrollHeight }, '*');
  }
  window.addEventListener('load', report);
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
})();

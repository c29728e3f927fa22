// Siaga Pilkada: when a part of the page (a table, chart or map module of Streamlit's front end)
// could not be loaded, for example because the server was restarting at that moment, the browser
// keeps that failure until the page is reloaded. Say so in Indonesian, with a reload button,
// instead of leaving broken tables on screen. Static file: no data value ever reaches it.
(function () {
  var w = window.parent && window.parent.document ? window.parent : window;
  if (w.__siagaPenjagaModul) { return; }
  w.__siagaPenjagaModul = true;
  var doc = w.document;
  var POLA = /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Failed to load module script|Loading chunk \d+ failed|Unable to preload CSS/i;

  function tampilkan() {
    if (doc.getElementById("siaga-muat-ulang")) { return; }
    var kotak = doc.createElement("div");
    kotak.id = "siaga-muat-ulang";
    kotak.setAttribute("role", "alert");
    kotak.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:1000000;background:#fff4e5;" +
      "border-bottom:3px solid #cc3311;color:#1a1a1a;font:600 18px/1.4 sans-serif;padding:14px 20px;" +
      "display:flex;gap:16px;align-items:center;justify-content:center;box-shadow:0 2px 6px rgba(0,0,0,.2)";
    var teks = doc.createElement("span");
    teks.textContent = "Sambungan ke server sempat terputus dan sebagian tampilan gagal dimuat. " +
      "Muat ulang halaman (tekan F5) agar tabel, grafik dan peta tampil lengkap.";
    var tombol = doc.createElement("button");
    tombol.type = "button";
    tombol.textContent = "Muat ulang halaman";
    tombol.style.cssText = "font:600 16px sans-serif;padding:8px 16px;border-radius:6px;border:0;" +
      "background:#1f4e79;color:#fff;cursor:pointer";
    tombol.addEventListener("click", function () { w.location.reload(); });
    kotak.appendChild(teks);
    kotak.appendChild(tombol);
    doc.body.appendChild(kotak);
  }

  function periksa(pesan) {
    if (pesan && POLA.test(String(pesan))) { tampilkan(); }
  }

  w.addEventListener("vite:preloadError", function () { tampilkan(); });
  w.addEventListener("unhandledrejection", function (e) {
    periksa(e && e.reason && (e.reason.message || e.reason));
  });
  w.addEventListener("error", function (e) { periksa(e && (e.message || (e.error && e.error.message))); }, true);
  // Streamlit shows an element that failed to load as an error box inside the page.
  function pindai() {
    var els = doc.querySelectorAll('[data-testid="stException"], [data-testid="stAlert"], [role="alert"]');
    for (var i = 0; i < els.length; i++) {
      if (els[i].id !== "siaga-muat-ulang") { periksa(els[i].textContent); }
    }
  }
  new w.MutationObserver(pindai).observe(doc.body, { childList: true, subtree: true });
  pindai();
})();

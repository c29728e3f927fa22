// Siaga Pilkada, big screen (?mode=layar): tell the server the size of the browser's viewport, so
// that charts and the map are drawn for the box they fill and their text scales with the screen.
// A Streamlit custom component (st.components.v2): it sends {lebar, tinggi} in CSS pixels when the
// server does not know them yet and again after the window was resized. Static file: no data
// value ever reaches it, and it loads nothing.
export default function (component) {
  const { setStateValue, data } = component;
  const w = window;
  let tunda = null;

  function kirim() {
    const lebar = Math.round(w.innerWidth);
    const tinggi = Math.round(w.innerHeight);
    if (!data || data.lebar !== lebar || data.tinggi !== tinggi) {
      setStateValue("ukuran", { lebar: lebar, tinggi: tinggi });
    }
  }

  function saatUbah() {
    if (tunda !== null) { w.clearTimeout(tunda); }
    tunda = w.setTimeout(kirim, 400);
  }

  kirim();
  w.addEventListener("resize", saatUbah);
  return function () {
    w.removeEventListener("resize", saatUbah);
    if (tunda !== null) { w.clearTimeout(tunda); }
  };
}

/* global Component, wx */
/**
 * The in-store pay code: a QR module matrix drawn on a Canvas 2D node, and the countdown of the code
 * it shows. Properties: `matrix` ('0'/'1' per module, row by row), `side` (modules per side), `size`
 * (CSS px), `expiresAt` / `refreshAt` / `now` (the cloud's ms epochs: expiry, when to fetch the next
 * code, and its clock when it answered). Events: `render` {side} after each drawing, `tick`
 * {secondsLeft} (whole seconds until due) each second, `expire` {expiresAt} once per code when due.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires -- a mini-program component is CommonJS
const { localDueTime, secondsUntil } = require('./due');

/** White modules around the code: the margin the QR standard asks scanners to rely on. */
const QUIET = 4;

function devicePixelRatio() {
  // getWindowInfo replaces getSystemInfoSync from base library 2.20.1.
  return (wx.getWindowInfo ? wx.getWindowInfo() : wx.getSystemInfoSync()).pixelRatio || 1;
}

Component({
  properties: {
    matrix: { type: String, value: '' },
    side: { type: Number, value: 0 },
    size: { type: Number, value: 220 },
    expiresAt: { type: Number, value: 0 },
    refreshAt: { type: Number, value: 0 },
    now: { type: Number, value: 0 },
  },

  observers: {
    // Observers may run before the canvas exists; `ready` draws and arms the first code itself.
    'matrix, side, size'() {
      if (this.isReady) this.draw();
    },
    'matrix, expiresAt, refreshAt, now'() {
      if (this.isReady) this.arm();
    },
  },

  lifetimes: {
    created() {
      // Instance state that no template reads, so kept off setData.
      this.isReady = false;
      this.isHidden = false;
      this.canvas = null;
      this.querying = false;
      this.timer = null;
      this.armedCode = '';
      this.dueTime = 0;
      this.expired = true;
    },
    ready() {
      this.isReady = true;
      this.draw();
      this.arm();
    },
    detached() {
      this.isReady = false;
      this.canvas = null;
      this.stop();
    },
  },

  pageLifetimes: {
    hide() {
      this.isHidden = true;
      this.stop();
    },
    show() {
      this.isHidden = false;
      // A code that fell due while hidden expires at once, so the page fetches the next one.
      this.start();
    },
  },

  methods: {
    draw() {
      if (this.canvas) {
        this.paint();
        return;
      }
      if (this.querying) return; // the pending query paints the latest properties
      this.querying = true;
      this.createSelectorQuery()
        .select('#qr')
        .fields({ node: true })
        .exec((res) => {
          this.querying = false;
          const found = res && res[0];
          if (!this.isReady || !found || !found.node) return;
          this.canvas = found.node;
          this.paint();
        });
    },

    paint() {
      const { matrix, side, size } = this.data;
      if (side <= 0 || matrix.length !== side * side) return;
      const canvas = this.canvas;
      const px = Math.round(size * devicePixelRatio());
      // Setting the bitmap size also clears it. Drawing in device pixels with a whole number of
      // them per module keeps module edges sharp; what is left over widens the quiet zone.
      canvas.width = px;
      canvas.height = px;
      const unit = Math.max(1, Math.floor(px / (side + 2 * QUIET)));
      const offset = Math.floor((px - unit * side) / 2);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, px, px);
      ctx.fillStyle = '#000000';
      for (let y = 0; y < side; y++) {
        // One rectangle per horizontal run of dark modules rather than one per module.
        for (let x = 0; x < side; x++) {
          if (matrix[y * side + x] !== '1') continue;
          let end = x + 1;
          while (end < side && matrix[y * side + end] === '1') end++;
          ctx.fillRect(offset + x * unit, offset + y * unit, (end - x) * unit, unit);
          x = end;
        }
      }
      this.triggerEvent('render', { side });
    },

    /**
     * A new code: measure when it falls due on the phone's clock and restart the countdown. Observers
     * also run when a page sets the same values again; measuring then would push the due time back.
     */
    arm() {
      const { matrix, expiresAt, refreshAt, now } = this.data;
      const code = [expiresAt, refreshAt, now, matrix].join('|');
      if (code === this.armedCode) return;
      this.armedCode = code;
      this.stop();
      this.expired = expiresAt <= 0;
      if (this.expired) return;
      this.dueTime = localDueTime({ expiresAt, refreshAt, now }, Date.now());
      this.start();
    },

    start() {
      if (this.isReady && !this.isHidden && !this.expired && this.timer === null) this.tick();
    },

    stop() {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
    },

    tick() {
      this.timer = null;
      const local = Date.now();
      const secondsLeft = secondsUntil(this.dueTime, local);
      this.triggerEvent('tick', { secondsLeft });
      if (secondsLeft === 0) {
        this.expired = true;
        this.triggerEvent('expire', { expiresAt: this.data.expiresAt });
        return;
      }
      // Wake when the whole second changes, so the count and the due moment are not up to 1 s late.
      this.timer = setTimeout(() => this.tick(), this.dueTime - local - (secondsLeft - 1) * 1000);
    },
  },
});

// The three ways of compressing a photo that the photo benchmark compares, installed in a page
// and timed there with the page's own clock, from the File to the JPEG's bytes. One script for
// every engine: Playwright evaluates it in Chromium, WebDriver runs it in Firefox and WebKit.
// It is an expression: a function of { photos, bicModule, bicScript, bicOptions } that fetches
// the photos as Files and sets window.benchCompressors = { app, bic, floor }.
(async ({ photos, bicModule, bicScript, bicOptions }) => {
  const files = {};
  for (const [name, url] of Object.entries(photos)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    files[name] = new File([await response.blob()], name, { type: 'image/jpeg', lastModified: Date.now() });
  }
  const base64 = (blob) =>
    new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1]);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  const tray = () => document.querySelector('ul[aria-label="Photos in this report"]');
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  // The app, as a person uses it: the file chosen in the report form's photo input, done
  // when the tray shows the compressed photo. The photo is then removed, leaving the
  // tray empty for the next.
  const app = async (name) => {
    const input = document.querySelector('#photo-gallery');
    const list = tray();
    if (!input || !list) throw new Error('the report form is not open');
    const shown = new Promise((resolve, reject) => {
      const observer = new MutationObserver(() => {
        const img = list.querySelector('li.photo.ready img');
        const failed = list.querySelector('li.photo.failed');
        if (img) resolve([performance.now(), img]);
        if (failed) reject(new Error(`the app refused ${name}: ${failed.textContent}`));
        if (img || failed) observer.disconnect();
      });
      observer.observe(list, { childList: true, subtree: true });
    });
    const chosen = new DataTransfer();
    chosen.items.add(files[name]);
    const start = performance.now();
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const [end, img] = await shown;
    const jpeg = await (await fetch(img.src)).blob();
    const output = { ms: end - start, jpeg: await base64(jpeg), width: Number(img.getAttribute('width')), height: Number(img.getAttribute('height')) };
    list.querySelector('li.photo.ready button').click();
    while (list.querySelector('li')) await settled();
    return output;
  };

  // Imported on first use, so that a page which never calls it does not carry it.
  let library;
  const bic = async (name) => {
    library ??= import(bicModule);
    const { default: imageCompression } = await library;
    const start = performance.now();
    const jpeg = await imageCompression(files[name], { ...bicOptions, libURL: new URL(bicScript, location.href).href });
    const ms = performance.now() - start;
    const bitmap = await createImageBitmap(jpeg);
    const output = { ms, jpeg: await base64(jpeg), width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return output;
  };

  // The floor: the browser's own decode-orient-resize and encode, once each, at the size
  // and quality given, timed around those two calls alone (not the messages). It runs in a
  // worker, as the app's pipeline does, so that both run on the same kind of thread.
  const floorScript = `onmessage = async ({ data: { file, width, height, quality } }) => {
    const start = performance.now();
    const bitmap = await createImageBitmap(file, {
      resizeWidth: width, resizeHeight: height, resizeQuality: 'high', imageOrientation: 'from-image',
    });
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d').drawImage(bitmap, 0, 0);
    bitmap.close();
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    postMessage({ ms: performance.now() - start, jpeg });
  };`;
  const startFloorWorker = () => new Worker(URL.createObjectURL(new Blob([floorScript], { type: 'text/javascript' })));
  let floorWorker;
  const floor = async (name, width, height, quality) => {
    floorWorker ??= startFloorWorker();
    const worker = floorWorker;
    const done = new Promise((resolve) => {
      worker.onmessage = ({ data }) => resolve(data);
    });
    worker.postMessage({ file: files[name], width, height, quality });
    const { ms, jpeg } = await done;
    return { ms, jpeg: await base64(jpeg), width, height };
  };

  Object.assign(window, { benchCompressors: { app, bic, floor } });
})

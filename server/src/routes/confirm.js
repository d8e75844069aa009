// Uploads a filled confirmation template as the request's body (a plain form cannot send a
// file as it is) and shows what the server answers under the form.
const form = document.querySelector("form.upload-form");
if (form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const out = form.querySelector(".upload-result");
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) {
      out.textContent = "请先选择填好的模板文件。";
      return;
    }
    out.textContent = "正在上传…";
    try {
      const res = await fetch(form.action, {
        method: "POST",
        body: file,
        headers: { "content-type": "application/octet-stream" },
      });
      out.innerHTML = await res.text();
    } catch (_) {
      out.textContent = "网络不可用，请稍后重试。";
    }
  });
}

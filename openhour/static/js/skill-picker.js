// The skill picker (templates/accounts/_skill_picker.html). Each skill has one checkbox the form sends
// (name="skills"); search suggestions and chips are copies without a name. Ticking or unticking any copy sets
// all of them, and a ticked skill gets a chip among the chosen ones, so a new search or an emptied search box
// never loses a choice and nothing is sent twice. Without this script the named checkboxes still do everything.
(() => {
  const copies = (root, value) =>
    [...root.querySelectorAll('input[type="checkbox"]')].filter((box) => box.value === value);

  const chip = (box) => {
    const label = document.createElement("label");
    const input = document.createElement("input");
    label.className = "chip";
    input.type = "checkbox";
    input.value = box.value;
    input.checked = true;
    input.dataset.name = box.dataset.name || box.value;
    label.append(input, ` ${input.dataset.name}`);
    return label;
  };

  document.addEventListener("change", (event) => {
    const box = event.target;
    const picker = box instanceof HTMLInputElement && box.type === "checkbox" && box.closest("[data-skill-picker]");
    if (!picker) return;
    for (const other of copies(picker, box.value)) other.checked = box.checked;
    const chosen = picker.querySelector("[data-chosen-skills]");
    if (box.checked && chosen && !copies(chosen, box.value).length) chosen.append(chip(box));
  });

  for (const box of document.querySelectorAll("[data-skill-search-box][hidden]")) box.hidden = false;

  // Enter in the search box looks for skills; it must not send the whole form half filled in.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target instanceof HTMLElement && event.target.matches("[data-skill-search]")) {
      event.preventDefault();
    }
  });
})();

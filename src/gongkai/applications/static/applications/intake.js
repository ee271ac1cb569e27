// Intake form: show the organisation fields only for organisations, and the Art. 31 receipt rule
// of the chosen channel. Without JavaScript every field and rule stays visible.
(function () {
  var form = document.getElementById("intake-form");
  if (!form) return;
  var type = form.querySelector("[name=applicant_type]");
  var channel = form.querySelector("[name=channel]");
  function toggleOrganisation() {
    var org = type.value !== "natural_person";
    form.querySelectorAll(".field-organisation_name, .field-organisation_code").forEach(function (el) {
      el.hidden = !org;
    });
  }
  function showRule() {
    form.querySelectorAll("#receipt-rules li").forEach(function (li) {
      li.hidden = channel.value !== "" && li.dataset.channel !== channel.value;
    });
  }
  type.addEventListener("change", toggleOrganisation);
  channel.addEventListener("change", showRule);
  toggleOrganisation();
  showRule();
})();

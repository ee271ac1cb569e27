// Intake form: show the organisation fields only for organisations, and the Art. 31 receipt rule
// of the chosen channel (with the submission day for online and fax applications). Without JavaScript every field and rule stays visible.
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
  // Art. 31(3): online, e-mail and fax applications are received on the day both sides confirm
  var confirmed = ["online", "email", "fax"];
  function showRule() {
    form.querySelectorAll("#receipt-rules li").forEach(function (li) {
      li.hidden = channel.value !== "" && li.dataset.channel !== channel.value;
    });
    form.querySelectorAll(".field-submitted_on, .field-confirm_date").forEach(function (el) {
      el.hidden = confirmed.indexOf(channel.value) < 0;
    });
  }
  type.addEventListener("change", toggleOrganisation);
  channel.addEventListener("change", showRule);
  toggleOrganisation();
  showRule();
})();

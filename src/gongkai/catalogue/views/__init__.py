"""Staff pages of the catalogue (目录), one module per concept. Thin.

Every page needs a login and reads items only within the user's scope (another agency's item is a
404); every change goes through `gongkai.catalogue.services`, whose Chinese error messages are
shown as they are.

* `items` — the staff list, drafting and editing a draft;
* `page` — the item page and how its POSTs answer (success: back to the page; refusal: the page
  again with the service's message);
* `review` — workflow transitions and the screen's findings;
* `attachments` — upload, replace, remove, staff download;
* `published` — validity, other channels and the handover list of published items;
* `dashboard` — the Art. 26 deadlines and the home-page panel;
* `statistics` — the yearly statistics and the report's section 二 figures;
* `guide`, `categories` — the agency's disclosure guide and subject categories.
"""

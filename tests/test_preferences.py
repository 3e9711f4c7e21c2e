from backoffice import preferences


def test_round_trip_and_env_override(tmp_path):
    prefs = preferences.load(tmp_path, {})
    assert prefs.lang == "fr" and prefs.currency == "XOF"
    prefs.notify_url = "https://shop.example.ci/notify"
    preferences.save(tmp_path, prefs)
    again = preferences.load(tmp_path, {"COMPTOIR_LANG": "en"})
    assert again.notify_url == "https://shop.example.ci/notify" and again.lang == "en"
    # The manager PIN is not here any more: it lives in the keyring (tests/test_pin.py).
    assert "pin" not in (tmp_path / preferences.FILE_NAME).read_text()
    assert again.to_settings().notify_url == "https://shop.example.ci/notify"


def test_damaged_file_falls_back_to_defaults(tmp_path):
    (tmp_path / preferences.FILE_NAME).write_text("{not json")
    assert preferences.load(tmp_path, {}).currency == "XOF"


def test_default_description_follows_the_language_but_not_a_merchants_text(tmp_path):
    assert preferences.load(tmp_path, {}).description == "Vente comptoir"
    assert preferences.load(tmp_path, {"COMPTOIR_LANG": "en"}).description == "Counter sale"
    prefs = preferences.load(tmp_path, {})
    prefs.description = "Boutique Awa"
    preferences.save(tmp_path, prefs)
    assert preferences.load(tmp_path, {"COMPTOIR_LANG": "en"}).description == "Boutique Awa"


def test_typed_fields_are_read_only_with_their_own_json_type(tmp_path):
    (tmp_path / preferences.FILE_NAME).write_text(
        '{"idle_lock_minutes": 3, "sound": false, "printer_width": "58", "flash": 1,'
        ' "shop_name": "Chez Awa"}', encoding="utf-8")
    prefs = preferences.load(tmp_path, {"COMPTOIR_TILL": "CAISSE-2"})
    assert prefs.idle_lock_minutes == 3 and prefs.sound is False
    assert prefs.shop_name == "Chez Awa" and prefs.till == "CAISSE-2"
    # a string where an int is expected, an int where a bool is expected: the default stays
    assert prefs.printer_width == preferences.Preferences().printer_width
    assert prefs.flash is preferences.Preferences().flash

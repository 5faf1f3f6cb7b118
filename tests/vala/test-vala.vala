/* test-vala.vala: libmodelpersist from Vala, through the generated
 * modelpersist-1.vapi: train an SVC on iris, save and load it as bytes,
 * a bundle and asynchronously, refuse an untrusted type by its error
 * code, and predict the same labels every time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

int failures = 0;

void check (bool condition, string what) {
    if (!condition) {
        stderr.printf ("not ok: %s\n", what);
        failures++;
    } else {
        stdout.printf ("ok: %s\n", what);
    }
}

bool same_labels (Mp.Array a, Mp.Array b) {
    if (a.get_n_elements () != b.get_n_elements ())
        return false;
    for (size_t i = 0; i < a.get_n_elements (); i++)
        if (a.get_double (i) != b.get_double (i))
            return false;
    return true;
}

async void load_async (GLib.File file, Mp.Array x, Mp.Array expected, MainLoop loop) {
    try {
        var report = new Mp.LoadReport ();
        var model = yield Mp.load_file_async (file, null, report, null);
        check (same_labels (model.predict (x), expected), "async load predicts the same labels");
        check (report.get_format_version () != null, "the report says the format version");
    } catch (GLib.Error e) {
        check (false, "async load: " + e.message);
    }
    loop.quit ();
}

int main () {
    try {
        var iris = Mp.load_iris ();
        var svc = new Mp.SVC ();
        svc.c = 10.0;
        svc.gamma = "auto";
        svc.fit (iris.get_data (), iris.get_target ());
        var labels = svc.predict (iris.get_data ());
        double accuracy;
        svc.score (iris.get_data (), iris.get_target (), out accuracy);
        check (accuracy > 0.95, "the SVC fits iris (accuracy %.3f)".printf (accuracy));

        /* bytes */
        var bytes = Mp.dumps (svc);
        var back = Mp.loads (bytes);
        check (back is Mp.SVC, "loads gives an SVC");
        check (((Mp.SVC) back).c == 10.0, "the hyperparameters survive");
        check (same_labels (back.predict (iris.get_data ()), labels), "loads predicts the same labels");

        /* a bundle on disk */
        var dir = DirUtils.make_tmp ("modelpersist-vala-XXXXXX");
        var path = Path.build_filename (dir, "model.json");
        Mp.dump (svc, path);
        check (same_labels (Mp.load (path).predict (iris.get_data ()), labels), "a bundle round trip");

        /* an untrusted type, caught by its code */
        var only_dummy = new Mp.LoadOptions ();
        only_dummy.trust_builtin = false;
        only_dummy.trust_type (typeof (Mp.DummyClassifier));
        try {
            Mp.loads_full (bytes, only_dummy, null);
            check (false, "an untrusted type was loaded");
        } catch (Mp.Error.UNTRUSTED_TYPE e) {
            check (e.message.contains ("MpSVC"), "UNTRUSTED_TYPE names the type: " + e.message);
        }

        /* damaged bytes: a specific code, never a crash */
        uint8[] damaged = bytes.get_data ().copy ();
        damaged[damaged.length - 1] ^= 0xff;
        try {
            Mp.loads (new Bytes (damaged));
            check (false, "damaged bytes were loaded");
        } catch (Mp.Error.CHECKSUM_MISMATCH e) {
            check (true, "a damaged payload is CHECKSUM_MISMATCH");
        }

        /* the same without blocking a main loop */
        var loop = new MainLoop ();
        load_async.begin (File.new_for_path (path), iris.get_data (), labels, loop);
        loop.run ();

        string[] untrusted;
        var types = Mp.inspect_types (bytes, out untrusted);
        check (types.length == 1 && types[0] == "MpSVC" && untrusted.length == 0, "inspect_types");

        FileUtils.remove (path);
        Dir d = Dir.open (dir);
        string? name;
        while ((name = d.read_name ()) != null)
            FileUtils.remove (Path.build_filename (dir, name));
        DirUtils.remove (dir);
    } catch (GLib.Error e) {
        stderr.printf ("error: %s\n", e.message);
        return 1;
    }
    return failures == 0 ? 0 : 1;
}

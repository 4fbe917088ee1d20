<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>BloodPressurePanel</name>
    <message>
        <location filename="../../kader_app/ui/visit/sections/blood_pressure.py" line="+27"/>
        <source>Pengukuran 1</source>
        <translation>Reading 1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pengukuran 2
(boleh kosong)</source>
        <translation>Reading 2
(optional)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Jika diukur dua kali, hasil memakai rata-rata kedua pengukuran.</source>
        <translation>When measured twice, the result uses the mean of both readings.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../kader_app/ui/date_field.py" line="+76"/>
        <source>hh/bb/tttt, mis. 23081990</source>
        <translation>dd/mm/yyyy, e.g. 23081990</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pilih di kalender (Alt+Bawah)</source>
        <translation>Pick in the calendar (Alt+Down)</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../kader_app/ui/error_dialog.py" line="+87"/>
        <source>Terjadi kesalahan</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maaf, aplikasi mengalami kesalahan. Data yang sudah tersimpan tetap aman.

Yang bisa dilakukan:
1. Periksa apakah data terakhir sudah muncul di riwayat; jika belum, isi lagi.
2. Jika kesalahan terulang, tutup lalu buka kembali aplikasi.
3. Laporkan ke petugas Puskesmas dan kirimkan berkas catatan:
{path}</source>
        <translation>Sorry, the app ran into an error. Data already saved is safe.

What you can do:
1. Check whether the last entry shows in the history; if not, enter it again.
2. If the error comes back, close and reopen the app.
3. Tell the Puskesmas staff and send them the log file:
{path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Database tidak bisa dibuka: kunci pengaman database tidak ditemukan atau tidak cocok.</source>
        <translation>The database cannot be opened: its security key is missing or does not match.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database tidak bisa dibuka saat aplikasi dimulai.</source>
        <translation>The database could not be opened when the app started.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data TIDAK dihapus. Jangan menghapus atau memindahkan folder data.

Yang bisa dilakukan:
1. Tutup aplikasi lalu buka kembali.
2. Jika tetap gagal, hubungi petugas IT Puskesmas (panduan pemulihan data) dan sebutkan folder data:
{data_dir}
3. Kirimkan juga berkas catatan:
{path}</source>
        <translation>No data was deleted. Do not delete or move the data folder.

What you can do:
1. Close the app and open it again.
2. If it still fails, contact the Puskesmas IT staff (data recovery guide) and give them the data folder:
{data_dir}
3. Send them the log file as well:
{path}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Aplikasi tidak bisa dibuka</source>
        <translation>The app cannot be opened</translation>
    </message>
</context>
<context>
    <name>FirstProfileDialog</name>
    <message>
        <location filename="../../kader_app/ui/duty.py" line="+380"/>
        <source>Petugas pertama di laptop ini</source>
        <translation>First worker on this laptop</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Setiap petugas punya nama dan PIN 6 angka. PIN membuka data di laptop ini dan mencatat siapa yang memeriksa. Jangan beri tahu PIN Anda ke orang lain.</source>
        <translation>Every worker has a name and a 6-digit PIN. The PIN opens the data on this laptop and records who did the check. Do not tell your PIN to anyone.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Kader</source>
        <translation>Cadre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nakes (bidan/perawat Pustu)</source>
        <translation>Health worker (Pustu midwife/nurse)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Nama</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Peran</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;IN (6 angka)</source>
        <translation>P&amp;IN (6 digits)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ulangi PIN</source>
        <translation>&amp;Repeat PIN</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Buat profil</source>
        <translation>Create profile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tulis nama petugas.</source>
        <translation>Write the worker&apos;s name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PIN harus 6 angka.</source>
        <translation>The PIN must be 6 digits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kedua PIN tidak sama. Ketik ulang.</source>
        <translation>The two PINs differ. Type them again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Profil tidak bisa dibuat. Periksa nama dan PIN.</source>
        <translation>The profile could not be created. Check the name and PIN.</translation>
    </message>
</context>
<context>
    <name>ForgotPinDialog</name>
    <message>
        <location line="-141"/>
        <source>Lupa PIN</source>
        <translation>Forgot PIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minta kunci pemulihan laptop ini ke Puskesmas (8 kelompok huruf dan angka), lalu buat PIN baru untuk {name}.</source>
        <translation>Ask the Puskesmas for this laptop&apos;s recovery key (8 groups of letters and digits), then make a new PIN for {name}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Kunci pemulihan</source>
        <translation>Recovery &amp;key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN &amp;baru</source>
        <translation>&amp;New PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ulangi PIN baru</source>
        <translation>&amp;Repeat new PIN</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Simpan PIN baru</source>
        <translation>Save new PIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PIN baru harus 6 angka.</source>
        <translation>The new PIN must be 6 digits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kedua PIN baru tidak sama. Ketik ulang.</source>
        <translation>The two new PINs differ. Type them again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Kunci pemulihan tidak cocok. Periksa lagi huruf dan angkanya.</source>
        <translation>The recovery key does not match. Check its letters and digits again.</translation>
    </message>
</context>
<context>
    <name>GlucosePanel</name>
    <message>
        <location filename="../../kader_app/ui/visit/sections/glucose.py" line="+86"/>
        <source>Apakah satuan alat mmol/L?</source>
        <translation>Does the meter show mmol/L?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>angka, LO atau HI</source>
        <translation>number, LO or HI</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Puasa: tidak makan dan minum selain air putih minimal 8 jam.</source>
        <translation>Fasting: nothing to eat or drink but water for at least 8 hours.</translation>
    </message>
</context>
<context>
    <name>LevelBadge</name>
    <message>
        <location filename="../../kader_app/ui/level_badge.py" line="+39"/>
        <source>Belum diisi</source>
        <translation>Not filled in</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="+120"/>
        <source>Cari warga: ketik nama atau NIK (Ctrl+F)</source>
        <translation>Find a resident: type a name or NIK (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warga baru (Ctrl+N)</source>
        <translation>New resident (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Status kirim data…</source>
        <translation>Sending status…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warga &amp;baru</source>
        <translation>&amp;New resident</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Pemeriksaan baru</source>
        <translation>New &amp;screening</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cari warga</source>
        <translation>&amp;Find resident</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Laporan bulanan…</source>
        <translation>&amp;Monthly report…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P&amp;engaturan…</source>
        <translation>S&amp;ettings…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Posyandu — Pencatatan Kader</source>
        <translation>Posyandu — Kader Records</translation>
    </message>
    <message>
        <location line="+359"/>
        <source>Lebih dari {n} warga ditemukan; ketik lebih lengkap (nama atau NIK)</source>
        <translation>More than {n} residents found; type more (name or NIK)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} warga ditemukan</source>
        <translation>{n} residents found</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Warga yang terakhir diubah</source>
        <translation>Recently changed residents</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Data warga tersimpan.</source>
        <translation>Resident saved.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pilih warga dulu dari daftar.</source>
        <translation>Choose a resident from the list first.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Koreksi tersimpan.</source>
        <translation>Correction saved.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hasil skrining tersimpan.</source>
        <translation>Screening result saved.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hasil: {level}.</source>
        <translation>Result: {level}.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Pemeriksaan dibatalkan; tetap tercatat di riwayat.</source>
        <translation>Screening voided; it stays in the history.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Pengaturan tersimpan.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="+50"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L/P</source>
        <translation>M/F</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Umur</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hasil terakhir</source>
        <translation>Latest result</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>{n} th</source>
        <translation>{n} y</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(tanpa NIK)</source>
        <translation>(no NIK)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Belum pernah diperiksa</source>
        <translation>Never screened</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../kader_app/ui/duty.py" line="+102"/>
        <source>Kunci pemulihan</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ini kunci pemulihan laptop ini. Bila semua PIN lupa, hanya kunci ini yang bisa membuka datanya. Kunci ini hanya ditampilkan sekali: cetak atau salin ke kertas dan serahkan ke Puskesmas. Saat laptop didaftarkan ke Puskesmas, kunci ini juga dititipkan ke server.</source>
        <translation>This is the recovery key of this laptop. If every PIN is forgotten, only this key can open its data. It is shown only once: print it or copy it onto paper and hand it to the Puskesmas. When the laptop is enrolled with the Puskesmas, the key is also deposited with the server.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sudah saya cetak atau catat, dan akan saya serahkan ke Puskesmas</source>
        <translation>I have printed or written it down and will hand it to the Puskesmas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Lanjut</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>KUNCI PEMULIHAN DATA POSYANDU</source>
        <translation>POSYANDU DATA RECOVERY KEY</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Simpan di Puskesmas. Jangan disimpan bersama laptop.</source>
        <translation>Keep at the Puskesmas. Do not keep it with the laptop.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="+64"/>
        <source>Laporan bulanan Posyandu</source>
        <translation>Posyandu monthly report</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Bulan:</source>
        <translation>Month:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Simpan Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Menghitung laporan…</source>
        <translation>Preparing the report…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{people} warga diperiksa dalam {visits} kunjungan, {month}.</source>
        <translation>{people} residents screened in {visits} visits, {month}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Simpan laporan sebagai PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Menyimpan laporan…</source>
        <translation>Saving the report…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Laporan tersimpan: {path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Laporan tidak dapat dibuat atau disimpan ({kind}).</source>
        <translation>The report could not be made or saved ({kind}).</translation>
    </message>
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <location filename="../../kader_app/ui/resident_dialog.py" line="+65"/>
        <source>Ubah data warga</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warga baru</source>
        <translation>New resident</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Buka data warga yang sudah ada</source>
        <translation>Open the existing resident</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bukan orang yang sama, tetap simpan</source>
        <translation>Not the same person, save anyway</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Simpan (Ctrl+S)</source>
        <translation>&amp;Save (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Periksa isian yang ditandai merah.</source>
        <translation>Check the entries marked in red.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data warga tersimpan.</source>
        <translation>Resident saved.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>NIK ini sudah terdaftar untuk warga lain. Buka data warga tersebut?</source>
        <translation>This NIK is already registered to another resident. Open that resident?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data warga ini baru saja diubah. Tutup formulir lalu buka lagi.</source>
        <translation>This resident was just changed elsewhere. Close the form and open it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data belum tersimpan. Coba simpan lagi.</source>
        <translation>Not saved yet. Try saving again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mungkin warga ini sudah terdaftar:</source>
        <translation>This resident may already be registered:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NIK ini sudah terdaftar:</source>
        <translation>This NIK is already registered:</translation>
    </message>
</context>
<context>
    <name>ResidentForm</name>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="+118"/>
        <source>Nama lengkap sesuai KTP</source>
        <translation>Full name as on the ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Nama</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Jenis kelamin</source>
        <translation>&amp;Sex</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tanggal &amp;lahir</source>
        <translation>&amp;Birth date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>16 angka (boleh dikosongkan jika tidak tahu)</source>
        <translation>16 digits (leave empty if unknown)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NI&amp;K</source>
        <translation>NI&amp;K</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>16 angka (boleh dikosongkan)</source>
        <translation>16 digits (may be empty)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No. KK</source>
        <translation>Family card no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dusun</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+4"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>RT / RW</source>
        <translation>RT / RW</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nomor HP (boleh dikosongkan)</source>
        <translation>Mobile number (may be empty)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No. HP</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Tanggal lahir tidak valid: ketik seperti 23081990</source>
        <translation>Birth date not valid: type it like 23081990</translation>
    </message>
</context>
<context>
    <name>ResidentPanel</name>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="+45"/>
        <source>Tindak lanjut Puskesmas: {outcome}, {when}</source>
        <translation>Puskesmas follow-up: {outcome}, {when}</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Pemeriksaan baru (Ctrl+P)</source>
        <translation>New screening (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ubah data warga</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Riwayat pemeriksaan (terbaru di atas)</source>
        <translation>Screening history (newest first)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Riwayat</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Grafik</source>
        <translation>&amp;Chart</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pilih warga dari daftar, atau daftarkan warga baru.</source>
        <translation>Choose a resident from the list, or register a new one.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{sex}, {age} tahun (lahir {birth})</source>
        <translation>{sex}, {age} years (born {birth})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>NIK: {nik}</source>
        <translation>NIK: {nik}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No. KK: {kk}</source>
        <translation>Family card: {kk}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alamat: {address}</source>
        <translation>Address: {address}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No. HP: {phone}</source>
        <translation>Mobile: {phone}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Belum ada pemeriksaan.</source>
        <translation>No screenings yet.</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <location filename="../../kader_app/ui/visit/result_view.py" line="+61"/>
        <source>Belum diisi</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Periksa isian</source>
        <translation>Check the entry</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tanya dulu</source>
        <translation>Ask first</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Langkah: </source>
        <translation>Next step: </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="+57"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nama Posyandu</source>
        <translation>Posyandu name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>untuk kepala laporan bulanan</source>
        <translation>for the monthly report heading</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nama Puskesmas</source>
        <translation>Puskesmas name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nama kader</source>
        <translation>Kader name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alamat server Puskesmas</source>
        <translation>Puskesmas server address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kosongkan kecuali diminta Puskesmas</source>
        <translation>leave empty unless the Puskesmas asks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Berkas sertifikat Puskesmas (CA)</source>
        <translation>Puskesmas certificate file (CA)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kode sekali pakai dari admin Puskesmas</source>
        <translation>one-time code from the Puskesmas admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Daftarkan laptop ini</source>
        <translation>&amp;Enrol this laptop</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kode pendaftaran</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Asia-Pasifik (tabel ILP)</source>
        <translation>Asia-Pacific (ILP table)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kemenkes nasional</source>
        <translation>Kemenkes national</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tabel IMT</source>
        <translation>BMI table</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ILP (Optimal … Hipertensi derajat 3)</source>
        <translation>ILP (Optimal … Grade 3 hypertension)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JNC 7 (Normal, Prehipertensi, …)</source>
        <translation>JNC 7 (Normal, Prehypertension, …)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label tensi</source>
        <translation>Blood pressure labels</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batuk berapa pun lamanya</source>
        <translation>any cough</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batuk TBC dihitung mulai</source>
        <translation>TB cough counts from</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Perubahan bahasa berlaku setelah aplikasi dibuka ulang.</source>
        <translation>A language change applies after the app is reopened.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Daftarkan ulang laptop?</source>
        <translation>Enrol this laptop again?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laptop ini sudah terdaftar di {posyandu} ({area}).</source>
        <translation>This laptop is already enrolled at {posyandu} ({area}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Daftarkan dengan kode baru?</source>
        <translation>Enrol it with the new code?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bila kode itu untuk Posyandu lain, data dikirim ke sana mulai sekarang, termasuk yang belum terkirim. Data di laptop tidak dihapus.</source>
        <translation>If that code is for another Posyandu, data is sent there from now on, including what has not been sent yet. Nothing on the laptop is deleted.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ya, daftarkan ulang</source>
        <translation>Yes, enrol again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Isi alamat server dan kode pendaftaran dari admin Puskesmas.</source>
        <translation>Enter the server address and the enrolment code from the Puskesmas admin.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tidak didaftarkan ulang; laptop tetap terdaftar di {posyandu}.</source>
        <translation>Not enrolled again; the laptop stays enrolled at {posyandu}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mendaftarkan laptop…</source>
        <translation>Enrolling the laptop…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Laptop terdaftar: {posyandu}, {area}. Data akan dikirim otomatis.</source>
        <translation>Laptop enrolled: {posyandu}, {area}. Data will be sent automatically.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sebelumnya terdaftar di {posyandu}.</source>
        <translation>Before, it was enrolled at {posyandu}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pendaftaran gagal: {reason}</source>
        <translation>Enrolment failed: {reason}</translation>
    </message>
</context>
<context>
    <name>SexField</name>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="-222"/>
        <source>Tekan L untuk laki-laki, P untuk perempuan</source>
        <translation>Press L for male, P for female</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../kader_app/ui/duty.py" line="-410"/>
        <location line="+3"/>
        <source>Siapa yang bertugas?</source>
        <translation>Who is on duty?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Aplikasi dikunci karena 10 menit tidak dipakai. Isian yang sedang terbuka tetap aman. Ketik PIN untuk melanjutkan.</source>
        <translation>The app locked after 10 minutes unused. The open form is safe. Type a PIN to go on.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;PIN (6 angka)</source>
        <translation>&amp;PIN (6 digits)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Buka</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Lupa PIN…</source>
        <translation>&amp;Forgot PIN…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+69"/>
        <source>Pilih nama Anda dulu.</source>
        <translation>Choose your name first.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Ketik PIN Anda.</source>
        <translation>Type your PIN.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PIN harus 6 angka.</source>
        <translation>The PIN must be 6 digits.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>PIN salah. Sisa {n} kali coba sebelum harus menunggu.</source>
        <translation>Wrong PIN. {n} tries left before a wait.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Profil ini tidak ditemukan lagi. Buka ulang aplikasi.</source>
        <translation>This profile is no longer found. Reopen the app.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Silakan coba lagi.</source>
        <translation>Please try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Terlalu banyak PIN salah. Tunggu {m}:{s:02d} lalu coba lagi, atau pakai Lupa PIN dengan kunci pemulihan dari Puskesmas.</source>
        <translation>Too many wrong PINs. Wait {m}:{s:02d} and try again, or use Forgot PIN with the recovery key from the Puskesmas.</translation>
    </message>
</context>
<context>
    <name>Srq20Panel</name>
    <message>
        <location filename="../../kader_app/ui/visit/sections/srq20.py" line="+28"/>
        <source>Tanyakan tentang 30 hari terakhir. Bacakan setiap pertanyaan apa adanya.</source>
        <translation>Ask about the last 30 days. Read each question as written.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../kader_app/ui/sync_status.py" line="+28"/>
        <source>baru saja</source>
        <translation>just now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} menit lalu</source>
        <translation>{n} minutes ago</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} jam lalu</source>
        <translation>{n} hours ago</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} hari lalu</source>
        <translation>{n} days ago</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Jam laptop berbeda {n} menit dari server Puskesmas — periksa tanggal dan jam</source>
        <translation>The laptop clock differs by {n} minutes from the Puskesmas server — check the date and time</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>, terlama hari ini</source>
        <translation>, oldest from today</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, terlama {d} hari</source>
        <translation>, oldest {d} days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ({n} perlu diperiksa)</source>
        <translation> ({n} need checking)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Belum terhubung ke Puskesmas</source>
        <translation>Not linked to the Puskesmas yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Puskesmas mencabut izin laptop ini; data tidak dikirim lagi.</source>
        <translation>The Puskesmas has revoked this laptop; data is no longer sent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Semua yang sudah dicatat tetap tersimpan di laptop ini dan tidak hilang.</source>
        <translation>Everything recorded stays stored on this laptop and is not lost.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Minta kode pendaftaran baru ke admin Puskesmas, lalu daftarkan ulang di Pengaturan.</source>
        <translation>Ask the Puskesmas admin for a new enrolment code, then enrol again in Settings.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{n} data tersimpan di laptop</source>
        <translation>{n} entries kept on the laptop</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Izin laptop dicabut Puskesmas; data tetap tersimpan</source>
        <translation>Laptop revoked by the Puskesmas; data stays stored</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="+92"/>
        <location line="+158"/>
        <location line="+9"/>
        <source>Sedang mengirim data ke Puskesmas…</source>
        <translation>Sending data to the Puskesmas…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_status.py" line="-55"/>
        <source>Semua data sudah terkirim</source>
        <translation>All data has been sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} data belum terkirim</source>
        <translation>{n} entries not sent yet</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="-138"/>
        <source>Data ini juga diubah di laptop lain.</source>
        <translation>This entry was also changed on another laptop.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hubungi petugas Puskesmas untuk menyamakan; data di laptop ini tetap aman.</source>
        <translation>Ask the Puskesmas staff to reconcile it; the data on this laptop stays safe.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Data tetap tersimpan di laptop ini. Hubungi petugas Puskesmas dan sebutkan kode: {code}.</source>
        <translation>The data stays saved on this laptop. Contact the Puskesmas staff and give the code: {code}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>data warga</source>
        <translation>resident data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pemeriksaan</source>
        <translation>screening</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warga tanpa nama</source>
        <translation>resident without a name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ditolak server Puskesmas.</source>
        <translation>Refused by the Puskesmas server.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} — {what}, dicatat {when}
Alasan: {reason}
{advice}</source>
        <translation>{who} — {what}, recorded {when}
Reason: {reason}
{advice}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pengiriman data ke Puskesmas</source>
        <translation>Sending data to the Puskesmas</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terakhir berhasil</source>
        <translation>Last success</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Belum dikirim: menunggu data warga ini yang ditolak server.</source>
        <translation>Not sent yet: waiting for this resident&apos;s entry that the server refused.</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Belum terhubung ke Puskesmas: laptop ini belum terdaftar di server.</source>
        <translation>Not linked to the Puskesmas yet: this laptop is not enrolled on the server.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data tetap tersimpan di laptop. Daftarkan laptop ini di Pengaturan.</source>
        <translation>Data stays stored on the laptop. Enrol this laptop in Settings.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Dikirim otomatis begitu data itu diterima; data tetap aman di laptop.</source>
        <translation>Sent automatically once that entry is accepted; the data stays safe on this laptop.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Server Puskesmas tidak bisa memakai isi data ini: bentuknya tidak dikenal, atau hasil skrining yang tercatat tidak sama dengan hasil aturan skrining di server.</source>
        <translation>The Puskesmas server cannot use the contents of this entry: its shape is not recognised, or the recorded screening result differs from the result of the server&apos;s screening rules.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data tetap aman di laptop ini. Perbarui aplikasi bila ada versi baru, lalu tekan Kirim sekarang; bila masih ditolak, hubungi petugas Puskesmas dan sebutkan kode: {code}.</source>
        <translation>The data stays safe on this laptop. Update the app if a new version is available, then press Send now; if it is still refused, contact the Puskesmas staff and quote the code: {code}.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Belum terkirim</source>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terlama menunggu</source>
        <translation>Waiting longest</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%v dari %m data terkirim</source>
        <translation>%v of %m entries sent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data yang ditolak server Puskesmas</source>
        <translation>Entries refused by the Puskesmas server</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Kirim sekarang</source>
        <translation>&amp;Send now</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Memeriksa status pengiriman…</source>
        <translation>Checking the sending status…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>belum terdaftar</source>
        <translation>not enrolled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{url}
{posyandu}, {area}</source>
        <translation>{url}
{posyandu}, {area}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{when} ({age})</source>
        <translation>{when} ({age})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} data</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dicatat {age}</source>
        <translation>recorded {age}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Data dikirim setelah laptop ini didaftarkan ke Puskesmas.</source>
        <translation>Data is sent once this laptop is enrolled at the Puskesmas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <source>Data tetap aman di laptop; dikirim otomatis saat ada koneksi.</source>
        <translation>Data stays safe on the laptop; it is sent automatically when there is a connection.</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Tidak dicoba lagi sampai laptop ini didaftarkan ulang.</source>
        <translation>Not tried again until this laptop is enrolled again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dicoba lagi otomatis dalam {n} menit.</source>
        <translation>Trying again automatically in {n} min.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} data terkirim pada pengiriman terakhir.</source>
        <translation>{n} entries sent in the last round.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tidak ada data baru yang perlu dikirim.</source>
        <translation>No new entries to send.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Diterima dari Puskesmas: {p} data warga, {f} tindak lanjut.</source>
        <translation>Received from the Puskesmas: {p} residents, {f} follow-ups.</translation>
    </message>
</context>
<context>
    <name>TbPanel</name>
    <message>
        <location filename="../../kader_app/ui/visit/sections/tb.py" line="+49"/>
        <source>hari</source>
        <translation>days</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Dari data warga: {risks}</source>
        <translation>From the resident&apos;s record: {risks}</translation>
    </message>
</context>
<context>
    <name>TrendChartPanel</name>
    <message>
        <location filename="../../kader_app/ui/trend_chart.py" line="+95"/>
        <source>Grafik:</source>
        <translation>Chart:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Belum ada hasil ukur untuk digambar.</source>
        <translation>No measurements to chart yet.</translation>
    </message>
</context>
<context>
    <name>VisitCard</name>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="-220"/>
        <source>(dikoreksi, versi {n})</source>
        <translation>(corrected, version {n})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DIBATALKAN</source>
        <translation>VOIDED</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hasil skrining: {level}</source>
        <translation>Screening result: {level}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dibatalkan. Alasan: {reason}</source>
        <translation>Voided. Reason: {reason}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Koreksi</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batalkan…</source>
        <translation>Void…</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../kader_app/ui/visit/dialog.py" line="+73"/>
        <source>Koreksi pemeriksaan</source>
        <translation>Correct screening</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pemeriksaan baru</source>
        <translation>New screening</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Tanggal pemeriksaan:</source>
        <translation>Screening &amp;date:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tempat:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;Simpan hasil skrining (Ctrl+S)</source>
        <translation>&amp;Save screening (Ctrl+S)</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · {sex} · {age} tahun</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · {sex} · {age} years</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Ini hasil skrining, bukan diagnosis. Diagnosis hanya oleh tenaga kesehatan.</source>
        <translation>This is a screening result, not a diagnosis. Only health workers diagnose.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Ketik tanggal seperti 23081990</source>
        <translation>Type the date like 23081990</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tanggal pemeriksaan tidak boleh di masa depan</source>
        <translation>The screening date cannot be in the future</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tanggal pemeriksaan sebelum tanggal lahir warga</source>
        <translation>The screening date is before the resident was born</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lebih dari {n} hari yang lalu: pastikan tanggalnya benar.</source>
        <translation>More than {n} days ago: make sure the date is right.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Belum bisa disimpan: periksa tanggal.</source>
        <translation>Cannot be saved yet: check the date.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Belum bisa disimpan: belum ada bagian yang lengkap.</source>
        <translation>Cannot be saved yet: no section is complete.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✖ Belum tersimpan. Isian tetap ada; coba simpan lagi.</source>
        <translation>✖ Not saved yet. Your entries are kept; try saving again.</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../kader_app/ui/visit/form.py" line="+90"/>
        <source>Tidak ada bagian skrining untuk warga ini pada tanggal pemeriksaan.</source>
        <translation>No screening section is offered to this resident on the screening date.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>+ Tambah bagian: {section}</source>
        <translation>+ Add section: {section}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bagian ini hanya diisi bila diminta atau perlu.</source>
        <translation>Fill in this section only when asked for or needed.</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>Belum bisa disimpan: periksa isian yang ditandai merah.</source>
        <translation>Cannot be saved yet: check the entries marked in red.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Belum bisa disimpan: jawab dulu pertanyaan {question}</source>
        <translation>Cannot be saved yet: first answer the question {question}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Belum bisa disimpan: belum ada bagian yang lengkap.</source>
        <translation>Cannot be saved yet: no section is complete.</translation>
    </message>
</context>
<context>
    <name>VisitSummary</name>
    <message>
        <location filename="../../kader_app/ui/visit/summary.py" line="+50"/>
        <source>periksa isian</source>
        <translation>check entry</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>belum diisi</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tanya dulu</source>
        <translation>ask first</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hasil skrining: {level}</source>
        <translation>Screening result: {level}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Semua hasil dalam batas normal.</source>
        <translation>All results within normal limits.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../kader_app/ui/void_dialog.py" line="+19"/>
        <location line="+25"/>
        <source>Batalkan pemeriksaan</source>
        <translation>Void screening</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Pemeriksaan tanggal {when} akan ditandai DIBATALKAN. Datanya tetap disimpan di riwayat. Tulis alasannya:</source>
        <translation>The screening of {when} will be marked VOIDED. It stays in the history. Write the reason:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Salah pilih warga</source>
        <translation>Wrong resident chosen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tercatat dua kali</source>
        <translation>Recorded twice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pemeriksaan tidak jadi dilakukan</source>
        <translation>Screening did not take place</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>YesNoField</name>
    <message>
        <location filename="../../kader_app/ui/visit/answers.py" line="+102"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tekan Y untuk ya, T untuk tidak</source>
        <translation>Press Y for yes, T (or N) for no</translation>
    </message>
</context>
<context>
    <name>_UnitQuestion</name>
    <message>
        <location filename="../../kader_app/ui/visit/sections/glucose.py" line="-37"/>
        <source>Ya, mmol/L</source>
        <translation>Yes, mmol/L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tidak, mg/dL</source>
        <translation>No, mg/dL</translation>
    </message>
</context>
<context>
    <name>discard</name>
    <message>
        <location filename="../../kader_app/ui/discard.py" line="+33"/>
        <source>Buang perubahan?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Isian yang sudah diketik di formulir ini akan hilang.</source>
        <translation>What was typed in this form will be lost.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ya, buang</source>
        <translation>Yes, discard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tidak, lanjut mengisi</source>
        <translation>No, keep filling in</translation>
    </message>
</context>
<context>
    <name>duty</name>
    <message>
        <location filename="../../kader_app/ui/duty.py" line="-177"/>
        <source>Nakes</source>
        <translation>Health worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kader</source>
        <translation>Cadre</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="+135"/>
        <source>Sinkronisasi gagal.</source>
        <translation>Sending failed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data tetap aman di laptop dan akan dikirim lagi.</source>
        <translation>The data stays safe on this laptop and will be sent again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tidak ada koneksi ke Puskesmas.</source>
        <translation>No connection to the Puskesmas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data tersimpan dan akan dikirim otomatis.</source>
        <translation>The data is saved and will be sent automatically.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server Puskesmas sedang sibuk.</source>
        <translation>The Puskesmas server is busy.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data akan dikirim lagi nanti.</source>
        <translation>The data will be sent again later.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paket data terlalu besar; dikirim ulang dalam bagian lebih kecil.</source>
        <translation>The data package was too large; it is being sent again in smaller parts.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Laptop ini belum terdaftar atau izinnya dicabut.</source>
        <translation>This laptop is not enrolled, or its access was revoked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hubungi admin Puskesmas.</source>
        <translation>Contact the Puskesmas admin.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa.</source>
        <translation>The enrolment code is wrong, already used, or expired.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minta kode baru ke admin Puskesmas.</source>
        <translation>Ask the Puskesmas admin for a new code.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jaringan meminta login Wi-Fi/voucher.</source>
        <translation>The network asks for a Wi-Fi/voucher login.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buka browser untuk masuk, lalu tekan Kirim sekarang.</source>
        <translation>Open a browser to log in, then press Send now.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Versi aplikasi terlalu lama untuk server Puskesmas.</source>
        <translation>This app version is too old for the Puskesmas server.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mohon perbarui aplikasi.</source>
        <translation>Please update the app.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alamat server atau berkas sertifikat tidak bisa dipakai.</source>
        <translation>The server address or certificate file cannot be used.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periksa Pengaturan: alamat harus diawali https:// dan berkas sertifikat harus ada.</source>
        <translation>Check Settings: the address must start with https:// and the certificate file must exist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sinkronisasi terganggu; data tetap aman dan akan dicoba lagi.</source>
        <translation>Sending was interrupted; the data stays safe and will be tried again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Jenis data tidak dikenal oleh server Puskesmas.</source>
        <translation>The Puskesmas server does not know this kind of data.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data tidak lengkap atau formatnya salah.</source>
        <translation>The data is incomplete or in the wrong format.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data berubah atau rusak di perjalanan (kode cek tidak cocok).</source>
        <translation>The data changed or was damaged on the way (check code does not match).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Isi data tidak bisa dibaca oleh server Puskesmas.</source>
        <translation>The Puskesmas server cannot read the contents of this data.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jenis data tidak cocok dengan data yang sudah ada di server.</source>
        <translation>The kind of data does not match the data already on the server.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data ini terdaftar di wilayah lain; minta petugas Puskesmas memindahkannya.</source>
        <translation>This data is registered in another area; ask the Puskesmas staff to move it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data ini sudah diubah dari perangkat lain; perlu dicek oleh petugas.</source>
        <translation>This data was changed on another device; staff need to check it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>NIK harus 16 angka</source>
        <translation>The NIK must be 16 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NIK hanya boleh berisi angka</source>
        <translation>The NIK may contain digits only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kode provinsi pada NIK tidak dikenal</source>
        <translation>Unknown province code in the NIK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulan lahir pada NIK tidak valid</source>
        <translation>Invalid birth month in the NIK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tanggal lahir pada NIK tidak valid</source>
        <translation>Invalid birth day in the NIK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tanggal lahir pada NIK tidak ada di kalender</source>
        <translation>The birth date in the NIK is not a real date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nomor urut pada NIK tidak boleh 0000</source>
        <translation>The NIK serial number cannot be 0000</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tanggal lahir pada NIK berbeda dengan tanggal lahir yang diisi (boleh disimpan)</source>
        <translation>The NIK birth date differs from the birth date entered (can still be saved)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jenis kelamin pada NIK berbeda dengan yang diisi (boleh disimpan)</source>
        <translation>The NIK sex differs from the sex entered (can still be saved)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No. KK hanya boleh berisi angka</source>
        <translation>The family card number may contain digits only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No. KK harus 16 angka</source>
        <translation>The family card number must be 16 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kode provinsi pada No. KK tidak dikenal</source>
        <translation>Unknown province code in the family card number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Pemeriksaan</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No. KK</source>
        <translation>Family card no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <location line="+4"/>
        <source>{field} wajib diisi</source>
        <translation>{field} is required</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{field} tidak valid</source>
        <translation>{field} is not valid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} tidak boleh di masa depan</source>
        <translation>{field} cannot be in the future</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} ini sudah dibatalkan</source>
        <translation>This {field} has been voided</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>NIK tidak valid</source>
        <translation>Invalid NIK</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../kader_app/app.py" line="+142"/>
        <source>Menyiapkan data contoh…</source>
        <translation>Preparing demo data…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data contoh</source>
        <translation>Demo data</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AnthropometryPanel</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="354"/>
        <source>Berat badan</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="355"/>
        <source>Tinggi badan</source>
        <translation>Height</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="356"/>
        <source>Lingkar perut</source>
        <translation>Waist</translation>
    </message>
</context>
<context>
    <name>BloodPressurePanel</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="395"/>
        <source>Sistolik (atas)</source>
        <translation>Systolic (upper)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="396"/>
        <source>Diastolik (bawah)</source>
        <translation>Diastolic (lower)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="398"/>
        <source>Pengukuran 1</source>
        <translation>Reading 1</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="403"/>
        <source>Pengukuran 2
(boleh kosong)</source>
        <translation>Reading 2
(optional)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="411"/>
        <source>Jika diukur dua kali, hasil memakai rata-rata kedua pengukuran.</source>
        <translation>When measured twice, the result uses the mean of both readings.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="439"/>
        <source>Isi sistolik dan diastolik dari pengukuran yang sama</source>
        <translation>Fill in systolic and diastolic of the same reading</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="447"/>
        <source>Sistolik (atas) harus lebih besar dari diastolik (bawah)</source>
        <translation>Systolic (upper) must be higher than diastolic (lower)</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../kader_app/ui/error_dialog.py" line="87"/>
        <source>Terjadi kesalahan</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/error_dialog.py" line="90"/>
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
        <location filename="../../kader_app/ui/error_dialog.py" line="105"/>
        <source>Database tidak bisa dibuka: kunci pengaman database tidak ditemukan atau tidak cocok.</source>
        <translation>The database cannot be opened: its security key is missing or does not match.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/error_dialog.py" line="110"/>
        <source>Database tidak bisa dibuka saat aplikasi dimulai.</source>
        <translation>The database could not be opened when the app started.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/error_dialog.py" line="113"/>
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
        <location filename="../../kader_app/ui/error_dialog.py" line="130"/>
        <source>Aplikasi tidak bisa dibuka</source>
        <translation>The app cannot be opened</translation>
    </message>
</context>
<context>
    <name>GlucosePanel</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="475"/>
        <source>angka, LO atau HI</source>
        <translation>number, LO or HI</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="480"/>
        <source>Hasil alat</source>
        <translation>Meter reading</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="484"/>
        <source>Sewaktu (GDS)</source>
        <translation>Random (RBG)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="485"/>
        <source>Puasa ≥ 8 jam (GDP)</source>
        <translation>Fasting ≥ 8 h (FBG)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="490"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="494"/>
        <source>Ada gejala gula rendah (berkeringat, gemetar, bingung)</source>
        <translation>Low sugar symptoms (sweating, trembling, confusion)</translation>
    </message>
</context>
<context>
    <name>LevelBadge</name>
    <message>
        <location filename="../../kader_app/ui/level_badge.py" line="39"/>
        <source>Belum diisi</source>
        <translation>Not filled in</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="109"/>
        <source>Cari warga: ketik nama atau NIK (Ctrl+F)</source>
        <translation>Find a resident: type a name or NIK (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="112"/>
        <source>Warga baru (Ctrl+N)</source>
        <translation>New resident (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="153"/>
        <source>Status kirim data…</source>
        <translation>Sending status…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="182"/>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="183"/>
        <source>Warga &amp;baru</source>
        <translation>&amp;New resident</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="186"/>
        <source>&amp;Pemeriksaan baru</source>
        <translation>New &amp;screening</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="189"/>
        <source>&amp;Cari warga</source>
        <translation>&amp;Find resident</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="192"/>
        <source>&amp;Laporan bulanan…</source>
        <translation>&amp;Monthly report…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="194"/>
        <source>P&amp;engaturan…</source>
        <translation>S&amp;ettings…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="196"/>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="212"/>
        <source>Posyandu — Pencatatan Kader</source>
        <translation>Posyandu — Kader Records</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="246"/>
        <source>{n} warga ditemukan</source>
        <translation>{n} residents found</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="248"/>
        <source>Warga yang terakhir diubah</source>
        <translation>Recently changed residents</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="330"/>
        <source>Data warga tersimpan.</source>
        <translation>Resident saved.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="342"/>
        <source>Pilih warga dulu dari daftar.</source>
        <translation>Choose a resident from the list first.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="367"/>
        <source>Koreksi tersimpan.</source>
        <translation>Correction saved.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="369"/>
        <source>Hasil skrining tersimpan.</source>
        <translation>Screening result saved.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="372"/>
        <source>Hasil: {level}.</source>
        <translation>Result: {level}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="393"/>
        <source>Pemeriksaan dibatalkan; tetap tercatat di riwayat.</source>
        <translation>Screening voided; it stays in the history.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/main_window.py" line="461"/>
        <source>Pengaturan tersimpan.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="48"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="49"/>
        <source>L/P</source>
        <translation>M/F</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="50"/>
        <source>Umur</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="51"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="52"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="53"/>
        <source>Hasil terakhir</source>
        <translation>Latest result</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="112"/>
        <source>{n} th</source>
        <translation>{n} y</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="114"/>
        <source>(tanpa NIK)</source>
        <translation>(no NIK)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/people_model.py" line="118"/>
        <source>Belum pernah diperiksa</source>
        <translation>Never screened</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="85"/>
        <source>Laporan bulanan Posyandu</source>
        <translation>Posyandu monthly report</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="97"/>
        <source>Bulan:</source>
        <translation>Month:</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="108"/>
        <source>Simpan Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="109"/>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="172"/>
        <source>Menghitung laporan…</source>
        <translation>Preparing the report…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="192"/>
        <source>{people} warga diperiksa dalam {visits} kunjungan, {month}.</source>
        <translation>{people} residents screened in {visits} visits, {month}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="203"/>
        <source>Simpan laporan sebagai PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="216"/>
        <source>Menyimpan laporan…</source>
        <translation>Saving the report…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="239"/>
        <source>Laporan tersimpan: {path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/report_dialog.py" line="245"/>
        <source>Laporan tidak dapat dibuat atau disimpan ({kind}).</source>
        <translation>The report could not be made or saved ({kind}).</translation>
    </message>
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="248"/>
        <source>Ubah data warga</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="248"/>
        <source>Warga baru</source>
        <translation>New resident</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="271"/>
        <source>Buka data warga yang sudah ada</source>
        <translation>Open the existing resident</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="274"/>
        <source>Bukan orang yang sama, tetap simpan</source>
        <translation>Not the same person, save anyway</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="285"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="287"/>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="334"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="345"/>
        <source>Data warga tersimpan.</source>
        <translation>Resident saved.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="355"/>
        <source>NIK ini sudah terdaftar untuk warga lain. Buka data warga tersebut?</source>
        <translation>This NIK is already registered to another resident. Open that resident?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="365"/>
        <source>Data warga ini baru saja diubah. Tutup formulir lalu buka lagi.</source>
        <translation>This resident was just changed elsewhere. Close the form and open it again.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="369"/>
        <source>Data belum tersimpan. Coba simpan lagi.</source>
        <translation>Not saved yet. Try saving again.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="377"/>
        <source>Mungkin warga ini sudah terdaftar:</source>
        <translation>This resident may already be registered:</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="379"/>
        <source>NIK ini sudah terdaftar:</source>
        <translation>This NIK is already registered:</translation>
    </message>
</context>
<context>
    <name>ResidentForm</name>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="65"/>
        <source>Nama lengkap sesuai KTP</source>
        <translation>Full name as on the ID card</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="66"/>
        <source>&amp;Nama</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="71"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="72"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="79"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="86"/>
        <source>-- pilih tanggal --</source>
        <translation>-- choose a date --</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="88"/>
        <source>Tanggal &amp;lahir</source>
        <translation>&amp;Birth date</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="91"/>
        <source>16 angka (boleh dikosongkan jika tidak tahu)</source>
        <translation>16 digits (leave empty if unknown)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="93"/>
        <source>NI&amp;K</source>
        <translation>NI&amp;K</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="101"/>
        <source>16 angka (boleh dikosongkan)</source>
        <translation>16 digits (may be empty)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="103"/>
        <source>No. KK</source>
        <translation>Family card no.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="106"/>
        <source>Dusun</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="114"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="116"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="118"/>
        <source>RT / RW</source>
        <translation>RT / RW</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="120"/>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="122"/>
        <source>Nomor HP (boleh dikosongkan)</source>
        <translation>Mobile number (may be empty)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_form.py" line="123"/>
        <source>No. HP</source>
        <translation>Mobile</translation>
    </message>
</context>
<context>
    <name>ResidentPanel</name>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="33"/>
        <source>Tindak lanjut Puskesmas: {outcome}, {when}</source>
        <translation>Puskesmas follow-up: {outcome}, {when}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="166"/>
        <source>Pemeriksaan baru (Ctrl+P)</source>
        <translation>New screening (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="168"/>
        <source>Ubah data warga</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="186"/>
        <source>Riwayat pemeriksaan (terbaru di atas)</source>
        <translation>Screening history (newest first)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="204"/>
        <source>Pilih warga dari daftar, atau daftarkan warga baru.</source>
        <translation>Choose a resident from the list, or register a new one.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="225"/>
        <source>{sex}, {age} tahun (lahir {birth})</source>
        <translation>{sex}, {age} years (born {birth})</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="228"/>
        <source>NIK: {nik}</source>
        <translation>NIK: {nik}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="228"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="229"/>
        <source>No. KK: {kk}</source>
        <translation>Family card: {kk}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="230"/>
        <source>Alamat: {address}</source>
        <translation>Address: {address}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="233"/>
        <source>No. HP: {phone}</source>
        <translation>Mobile: {phone}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="262"/>
        <source>Belum ada pemeriksaan.</source>
        <translation>No screenings yet.</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="164"/>
        <source>Hasil skrining</source>
        <translation>Screening result</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="173"/>
        <source>Belum diisi</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="193"/>
        <source>Periksa isian</source>
        <translation>Check the entry</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="211"/>
        <source>Langkah: </source>
        <translation>Next step: </translation>
    </message>
</context>
<context>
    <name>SectionPanel</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="242"/>
        <source>Lewati bagian ini</source>
        <translation>Skip this section</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="303"/>
        <source>{field}: isi dengan angka</source>
        <translation>{field}: enter a number</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="52"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="57"/>
        <source>Nama Posyandu</source>
        <translation>Posyandu name</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="59"/>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="61"/>
        <source>Nama kader</source>
        <translation>Kader name</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="64"/>
        <source>Alamat server Puskesmas</source>
        <translation>Puskesmas server address</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="66"/>
        <source>kosongkan kecuali diminta Puskesmas</source>
        <translation>leave empty unless the Puskesmas asks</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="67"/>
        <source>Berkas sertifikat Puskesmas (CA)</source>
        <translation>Puskesmas certificate file (CA)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="69"/>
        <source>kode sekali pakai dari admin Puskesmas</source>
        <translation>one-time code from the Puskesmas admin</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="70"/>
        <source>&amp;Daftarkan laptop ini</source>
        <translation>&amp;Enrol this laptop</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="74"/>
        <source>Kode pendaftaran</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="84"/>
        <source>Asia-Pasifik (tabel ILP)</source>
        <translation>Asia-Pacific (ILP table)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="85"/>
        <source>Kemenkes nasional</source>
        <translation>Kemenkes national</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="87"/>
        <source>Tabel IMT</source>
        <translation>BMI table</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="89"/>
        <source>ILP (Optimal … Hipertensi derajat 3)</source>
        <translation>ILP (Optimal … Grade 3 hypertension)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="90"/>
        <source>JNC 7 (Normal, Prehipertensi, …)</source>
        <translation>JNC 7 (Normal, Prehypertension, …)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="92"/>
        <source>Label tensi</source>
        <translation>Blood pressure labels</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="95"/>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="96"/>
        <source>batuk berapa pun lamanya</source>
        <translation>any cough</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="98"/>
        <source>Batuk TBC dihitung mulai</source>
        <translation>TB cough counts from</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="103"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="105"/>
        <source>Perubahan bahasa berlaku setelah aplikasi dibuka ulang.</source>
        <translation>A language change applies after the app is reopened.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="110"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="111"/>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="137"/>
        <source>Isi alamat server dan kode pendaftaran dari admin Puskesmas.</source>
        <translation>Enter the server address and the enrolment code from the Puskesmas admin.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="141"/>
        <source>Mendaftarkan laptop…</source>
        <translation>Enrolling the laptop…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="153"/>
        <source>Laptop terdaftar: {posyandu}, {area}. Data akan dikirim otomatis.</source>
        <translation>Laptop enrolled: {posyandu}, {area}. Data will be sent automatically.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/settings_dialog.py" line="160"/>
        <source>Pendaftaran gagal: {reason}</source>
        <translation>Enrolment failed: {reason}</translation>
    </message>
</context>
<context>
    <name>Srq20Panel</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="615"/>
        <source>Tanyakan tentang 30 hari terakhir. Bacakan setiap pertanyaan apa adanya.</source>
        <translation>Ask about the last 30 days. Read each question as written.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="627"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="628"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="629"/>
        <source>Ya, nomor {n}</source>
        <translation>Yes, item {n}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="630"/>
        <source>Tidak, nomor {n}</source>
        <translation>No, item {n}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="666"/>
        <source>Belum dijawab: {n} dari 20 pertanyaan</source>
        <translation>Unanswered: {n} of 20 questions</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="669"/>
        <source>Semua 20 pertanyaan sudah dijawab</source>
        <translation>All 20 questions answered</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="52"/>
        <source>baru saja</source>
        <translation>just now</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="54"/>
        <source>{n} menit lalu</source>
        <translation>{n} minutes ago</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="58"/>
        <source>{n} jam lalu</source>
        <translation>{n} hours ago</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="61"/>
        <source>{n} hari lalu</source>
        <translation>{n} days ago</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="78"/>
        <source>Jam laptop berbeda {n} menit dari server Puskesmas — periksa tanggal dan jam</source>
        <translation>The laptop clock differs by {n} minutes from the Puskesmas server — check the date and time</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="101"/>
        <source>, terlama hari ini</source>
        <translation>, oldest from today</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="103"/>
        <source>, terlama {d} hari</source>
        <translation>, oldest {d} days</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="105"/>
        <source> ({n} perlu diperiksa)</source>
        <translation> ({n} need checking)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="124"/>
        <source>Laptop ini belum terdaftar di server Puskesmas. Daftarkan di Pengaturan.</source>
        <translation>This laptop is not enrolled on the Puskesmas server yet. Enrol it in Settings.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="132"/>
        <location filename="../../kader_app/ui/sync_panel.py" line="264"/>
        <source>Sedang mengirim data ke Puskesmas…</source>
        <translation>Sending data to the Puskesmas…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="93"/>
        <source>Semua data sudah terkirim</source>
        <translation>All data has been sent</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="94"/>
        <source>{n} data belum terkirim</source>
        <translation>{n} entries not sent yet</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="159"/>
        <source>Data ini juga diubah di laptop lain.</source>
        <translation>This entry was also changed on another laptop.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="160"/>
        <source>Hubungi petugas Puskesmas untuk menyamakan; data di laptop ini tetap aman.</source>
        <translation>Ask the Puskesmas staff to reconcile it; the data on this laptop stays safe.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="165"/>
        <source>Data tetap tersimpan di laptop ini. Hubungi petugas Puskesmas dan sebutkan kode: {code}.</source>
        <translation>The data stays saved on this laptop. Contact the Puskesmas staff and give the code: {code}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="173"/>
        <source>data warga</source>
        <translation>resident data</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="175"/>
        <source>pemeriksaan</source>
        <translation>screening</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="177"/>
        <source>warga tanpa nama</source>
        <translation>resident without a name</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="181"/>
        <source>Ditolak server Puskesmas.</source>
        <translation>Refused by the Puskesmas server.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="183"/>
        <source>{who} — {what}, dicatat {when}
Alasan: {reason}
{advice}</source>
        <translation>{who} — {what}, recorded {when}
Reason: {reason}
{advice}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="200"/>
        <source>Pengiriman data ke Puskesmas</source>
        <translation>Sending data to the Puskesmas</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="219"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="221"/>
        <source>Terakhir berhasil</source>
        <translation>Last success</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="150"/>
        <source>Belum dikirim: menunggu data warga ini yang ditolak server.</source>
        <translation>Not sent yet: waiting for this resident&apos;s entry that the server refused.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="153"/>
        <source>Dikirim otomatis begitu data itu diterima; data tetap aman di laptop.</source>
        <translation>Sent automatically once that entry is accepted; the data stays safe on this laptop.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="223"/>
        <source>Belum terkirim</source>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="225"/>
        <source>Terlama menunggu</source>
        <translation>Waiting longest</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="228"/>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="232"/>
        <source>%v dari %m data terkirim</source>
        <translation>%v of %m entries sent</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="236"/>
        <source>Data yang ditolak server Puskesmas</source>
        <translation>Entries refused by the Puskesmas server</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="247"/>
        <source>&amp;Kirim sekarang</source>
        <translation>&amp;Send now</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="250"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="260"/>
        <source>Memeriksa status pengiriman…</source>
        <translation>Checking the sending status…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="281"/>
        <source>belum terdaftar</source>
        <translation>not enrolled</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="284"/>
        <source>{url}
{posyandu}, {area}</source>
        <translation>{url}
{posyandu}, {area}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="289"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="292"/>
        <source>{when} ({age})</source>
        <translation>{when} ({age})</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="298"/>
        <source>{n} data</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="303"/>
        <source>dicatat {age}</source>
        <translation>recorded {age}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="321"/>
        <location filename="../../kader_app/ui/sync_panel.py" line="339"/>
        <source>Data tetap aman di laptop; dikirim otomatis saat ada koneksi.</source>
        <translation>Data stays safe on the laptop; it is sent automatically when there is a connection.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="324"/>
        <source>Dicoba lagi otomatis dalam {n} menit.</source>
        <translation>Trying again automatically in {n} min.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="328"/>
        <source>{n} data terkirim pada pengiriman terakhir.</source>
        <translation>{n} entries sent in the last round.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="330"/>
        <source>Tidak ada data baru yang perlu dikirim.</source>
        <translation>No new entries to send.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/sync_panel.py" line="334"/>
        <source>Diterima dari Puskesmas: {p} data warga, {f} tindak lanjut.</source>
        <translation>Received from the Puskesmas: {p} residents, {f} follow-ups.</translation>
    </message>
</context>
<context>
    <name>TbPanel</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="533"/>
        <source>Batuk</source>
        <translation>Cough</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="536"/>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="539"/>
        <source>sudah berapa lama:</source>
        <translation>for how long:</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="542"/>
        <source>Gejala lain</source>
        <translation>Other symptoms</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="552"/>
        <source>Faktor risiko</source>
        <translation>Risk factors</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="562"/>
        <source>Kontak dengan pasien TBC (3 bulan terakhir)</source>
        <translation>Contact with a TB patient (last 3 months)</translation>
    </message>
</context>
<context>
    <name>VisitCard</name>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="68"/>
        <source>Posyandu</source>
        <translation>Posyandu</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="68"/>
        <source>Kunjungan rumah</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="73"/>
        <source>(dikoreksi, versi {n})</source>
        <translation>(corrected, version {n})</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="81"/>
        <source>DIBATALKAN</source>
        <translation>VOIDED</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="85"/>
        <source>Hasil skrining: {level}</source>
        <translation>Screening result: {level}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="91"/>
        <source>Dibatalkan. Alasan: {reason}</source>
        <translation>Voided. Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="124"/>
        <source>Koreksi</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/resident_panel.py" line="125"/>
        <source>Batalkan…</source>
        <translation>Void…</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="891"/>
        <source>Koreksi pemeriksaan</source>
        <translation>Correct screening</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="891"/>
        <source>Pemeriksaan baru</source>
        <translation>New screening</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="897"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · {age} tahun</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · {age} years</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="904"/>
        <source>Tempat:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="906"/>
        <source>Posyandu</source>
        <translation>Posyandu</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="907"/>
        <source>Kunjungan rumah</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="927"/>
        <source>Ini hasil skrining, bukan diagnosis. Diagnosis hanya oleh tenaga kesehatan.</source>
        <translation>This is a screening result, not a diagnosis. Only health workers diagnose.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="939"/>
        <source>&amp;Simpan hasil skrining</source>
        <translation>&amp;Save screening result</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="941"/>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="985"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="1001"/>
        <source>✖ Belum tersimpan. Isian tetap ada; coba simpan lagi.</source>
        <translation>✖ Not saved yet. Your entries are kept; try saving again.</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="801"/>
        <location filename="../../kader_app/ui/visit_form.py" line="814"/>
        <source>periksa isian</source>
        <translation>check entry</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="804"/>
        <source>Dilewati</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="804"/>
        <source>Belum diisi</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="830"/>
        <source>Periksa isian yang ditandai merah sebelum menyimpan</source>
        <translation>Check the entries marked red before saving</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="834"/>
        <source>Hasil skrining: belum ada isian</source>
        <translation>Screening result: nothing entered yet</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="840"/>
        <source>Hasil skrining: {level}</source>
        <translation>Screening result: {level}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/visit_form.py" line="848"/>
        <source>Semua hasil dalam batas normal.</source>
        <translation>All results within normal limits.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../kader_app/ui/void_dialog.py" line="19"/>
        <location filename="../../kader_app/ui/void_dialog.py" line="44"/>
        <source>Batalkan pemeriksaan</source>
        <translation>Void screening</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/void_dialog.py" line="23"/>
        <source>Pemeriksaan tanggal {when} akan ditandai DIBATALKAN. Datanya tetap disimpan di riwayat. Tulis alasannya:</source>
        <translation>The screening of {when} will be marked VOIDED. It stays in the history. Write the reason:</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/void_dialog.py" line="35"/>
        <source>Salah pilih warga</source>
        <translation>Wrong resident chosen</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/void_dialog.py" line="36"/>
        <source>Tercatat dua kali</source>
        <translation>Recorded twice</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/void_dialog.py" line="37"/>
        <source>Pemeriksaan tidak jadi dilakukan</source>
        <translation>Screening did not take place</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/void_dialog.py" line="46"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="49"/>
        <source>Tidak perlu rujukan</source>
        <translation>No referral needed</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="50"/>
        <source>Pantau / cek lagi</source>
        <translation>Monitor / recheck</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="51"/>
        <source>Rujuk ke Puskesmas</source>
        <translation>Refer to the Puskesmas</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="52"/>
        <source>Hubungi nakes hari ini</source>
        <translation>Contact a health worker today</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="56"/>
        <source>Beri edukasi hidup sehat; periksa lagi bulan depan.</source>
        <translation>Give healthy-living advice; screen again next month.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="57"/>
        <source>Cek lagi di Posyandu berikutnya.</source>
        <translation>Recheck at the next Posyandu.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="58"/>
        <source>Rujuk ke Pustu/Puskesmas untuk pemeriksaan lanjut.</source>
        <translation>Refer to the Pustu/Puskesmas for further examination.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="59"/>
        <source>Hubungi nakes hari ini, jangan ditunda.</source>
        <translation>Contact a health worker today, do not wait.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="71"/>
        <source>Antropometri</source>
        <translation>Body measurements</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="72"/>
        <source>IMT</source>
        <translation>BMI</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="73"/>
        <location filename="../../kader_app/ui/labels.py" line="395"/>
        <source>Lingkar perut</source>
        <translation>Waist</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="74"/>
        <source>Tensi</source>
        <translation>Blood pressure</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="75"/>
        <location filename="../../kader_app/ui/labels.py" line="398"/>
        <location filename="../../kader_app/ui/labels.py" line="399"/>
        <source>Gula darah</source>
        <translation>Blood sugar</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="76"/>
        <source>TBC</source>
        <translation>TB</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="77"/>
        <source>Jiwa (SRQ-20)</source>
        <translation>Mental health (SRQ-20)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="81"/>
        <source>Optimal</source>
        <translation>Optimal</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="82"/>
        <location filename="../../kader_app/ui/labels.py" line="90"/>
        <location filename="../../kader_app/ui/labels.py" line="94"/>
        <location filename="../../kader_app/ui/labels.py" line="103"/>
        <location filename="../../kader_app/ui/labels.py" line="107"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="83"/>
        <source>Normal tinggi</source>
        <translation>High normal</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="84"/>
        <source>Prehipertensi</source>
        <translation>Prehypertension</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="85"/>
        <source>Hipertensi derajat 1</source>
        <translation>Grade 1 hypertension</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="86"/>
        <source>Hipertensi derajat 2</source>
        <translation>Grade 2 hypertension</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="87"/>
        <source>Hipertensi derajat 3</source>
        <translation>Grade 3 hypertension</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="88"/>
        <source>Hipoglikemia</source>
        <translation>Hypoglycaemia</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="89"/>
        <source>Gula darah rendah</source>
        <translation>Low blood sugar</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="91"/>
        <source>Prediabetes (curiga)</source>
        <translation>Prediabetes (suspected)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="92"/>
        <source>Curiga diabetes</source>
        <translation>Suspected diabetes</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="93"/>
        <source>Berat badan kurang</source>
        <translation>Underweight</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="95"/>
        <source>Berisiko (berat badan lebih)</source>
        <translation>At risk (overweight)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="96"/>
        <source>Obesitas I</source>
        <translation>Obesity I</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="97"/>
        <source>Obesitas II</source>
        <translation>Obesity II</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="98"/>
        <source>Kurus berat</source>
        <translation>Severely thin</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="99"/>
        <source>Kurus ringan</source>
        <translation>Mildly thin</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="100"/>
        <source>Gemuk ringan</source>
        <translation>Mildly overweight</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="101"/>
        <source>Obesitas</source>
        <translation>Obesity</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="102"/>
        <source>Obesitas sentral</source>
        <translation>Central obesity</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="104"/>
        <source>Terduga TBC</source>
        <translation>Presumptive TB</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="105"/>
        <source>Kontak erat TBC</source>
        <translation>TB close contact</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="106"/>
        <source>Bukan terduga TBC</source>
        <translation>Not presumptive TB</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="108"/>
        <source>Berpotensi masalah kesehatan jiwa</source>
        <translation>Possible mental health problem</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="111"/>
        <source>Belum lengkap</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="114"/>
        <source>Tidak dinilai (di bawah batas usia)</source>
        <translation>Not classified (below the age limit)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="118"/>
        <source>Cek ulang gula darah hari ini.</source>
        <translation>Recheck blood sugar today.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="121"/>
        <source>Cek lagi dalam 3 bulan; edukasi pola makan dan aktivitas fisik.</source>
        <translation>Recheck in 3 months; advise on diet and physical activity.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="124"/>
        <source>Rujuk ke Puskesmas untuk pemeriksaan gula darah lanjut.</source>
        <translation>Refer to the Puskesmas for further blood sugar tests.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="127"/>
        <source>Rujuk ke Pustu untuk pemeriksaan dahak (dua sampel).</source>
        <translation>Refer to the Pustu for sputum tests (two samples).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="130"/>
        <source>Rujuk ke Puskesmas untuk penilaian pengobatan pencegahan TBC.</source>
        <translation>Refer to the Puskesmas to assess TB preventive treatment.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="133"/>
        <source>Rujuk ke Puskesmas untuk pemeriksaan kesehatan jiwa.</source>
        <translation>Refer to the Puskesmas for a mental health assessment.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="136"/>
        <source>Hubungi nakes hari ini; temani warga dan jangan tinggalkan sendirian.</source>
        <translation>Contact a health worker today; stay with the person and do not leave them alone.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="139"/>
        <source>Lengkapi semua pertanyaan agar bisa dinilai.</source>
        <translation>Answer every question so it can be scored.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="142"/>
        <source>Edukasi gizi; timbang lagi bulan depan.</source>
        <translation>Nutrition advice; weigh again next month.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="145"/>
        <source>Edukasi pola makan dan aktivitas fisik; ukur lagi bulan depan.</source>
        <translation>Advice on diet and physical activity; measure again next month.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="151"/>
        <source>Tensi {systolic}/{diastolic} mmHg.</source>
        <translation>Blood pressure {systolic}/{diastolic} mmHg.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="152"/>
        <source>Rata-rata dua pengukuran: {systolic}/{diastolic} mmHg.</source>
        <translation>Mean of two readings: {systolic}/{diastolic} mmHg.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="155"/>
        <source>Sistolik {systolic} mmHg (kelas ini mulai {minimum}).</source>
        <translation>Systolic {systolic} mmHg (this class starts at {minimum}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="158"/>
        <source>Diastolik {diastolic} mmHg (kelas ini mulai {minimum}).</source>
        <translation>Diastolic {diastolic} mmHg (this class starts at {minimum}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="161"/>
        <source>Hipertensi sistolik terisolasi: sistolik tinggi, diastolik di bawah 90.</source>
        <translation>Isolated systolic hypertension: high systolic, diastolic below 90.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="164"/>
        <source>Sangat tinggi (sistolik 180 ke atas atau diastolik 110 ke atas).</source>
        <translation>Very high (systolic 180 or more, or diastolic 110 or more).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="167"/>
        <source>{mmol} mmol/L = {value} mg/dL.</source>
        <translation>{mmol} mmol/L = {value} mg/dL.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="168"/>
        <source>Alat menunjukkan LO (terlalu rendah untuk diukur).</source>
        <translation>The meter shows LO (too low to measure).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="171"/>
        <source>Alat menunjukkan HI (terlalu tinggi untuk diukur).</source>
        <translation>The meter shows HI (too high to measure).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="174"/>
        <source>Gula darah {value} mg/dL, di bawah {limit}.</source>
        <translation>Blood sugar {value} mg/dL, below {limit}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="175"/>
        <source>Gula darah {value} mg/dL (di bawah {limit}) dan ada gejala gula rendah.</source>
        <translation>Blood sugar {value} mg/dL (below {limit}) with low sugar symptoms.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="178"/>
        <source>Gula darah {value} mg/dL ({minimum}–{maximum}) tanpa gejala.</source>
        <translation>Blood sugar {value} mg/dL ({minimum}–{maximum}) without symptoms.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="181"/>
        <source>Gula darah {value} mg/dL ({limit} atau lebih).</source>
        <translation>Blood sugar {value} mg/dL ({limit} or more).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="184"/>
        <source>Gula darah {kind} {value} mg/dL (normal {minimum}–{maximum}).</source>
        <translation>Blood sugar ({kind}) {value} mg/dL (normal {minimum}–{maximum}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="187"/>
        <location filename="../../kader_app/ui/labels.py" line="190"/>
        <source>Gula darah {kind} {value} mg/dL (rentang {minimum}–{maximum}).</source>
        <translation>Blood sugar ({kind}) {value} mg/dL (range {minimum}–{maximum}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="193"/>
        <source>IMT {bmi} (sampai {maximum}).</source>
        <translation>BMI {bmi} (up to {maximum}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="194"/>
        <source>IMT {bmi} (normal {minimum}–{maximum}).</source>
        <translation>BMI {bmi} (normal {minimum}–{maximum}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="195"/>
        <source>IMT {bmi} (rentang {minimum}–{maximum}).</source>
        <translation>BMI {bmi} (range {minimum}–{maximum}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="196"/>
        <source>IMT {bmi} ({minimum} atau lebih).</source>
        <translation>BMI {bmi} ({minimum} or more).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="197"/>
        <source>Lingkar perut {waist_cm} cm (batas {sex}: {limit} cm).</source>
        <translation>Waist {waist_cm} cm (limit for {sex}: {limit} cm).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="200"/>
        <source>Lingkar perut {waist_cm} cm, lebih dari {limit} cm untuk {sex}.</source>
        <translation>Waist {waist_cm} cm, more than {limit} cm for {sex}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="203"/>
        <source>Ada batuk ({cough_days} hari).</source>
        <translation>Cough ({cough_days} days).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="204"/>
        <source>Batuk {cough_days} hari, kurang dari {min_days} hari: tidak dihitung sendiri.</source>
        <translation>Cough for {cough_days} days, less than {min_days} days: does not count on its own.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="207"/>
        <source>Kontak TBC ({contact}) dan ada gejala: {symptoms}.</source>
        <translation>TB contact ({contact}) with symptoms: {symptoms}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="210"/>
        <source>Kontak TBC ({contact}) dan faktor risiko: {risks}.</source>
        <translation>TB contact ({contact}) with risk factors: {risks}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="213"/>
        <source>Faktor risiko: {risks}; gejala: {symptoms}.</source>
        <translation>Risk factors: {risks}; symptoms: {symptoms}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="216"/>
        <source>Kontak TBC ({contact}), tanpa gejala dan faktor risiko.</source>
        <translation>TB contact ({contact}), no symptoms or risk factors.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="219"/>
        <source>Tidak memenuhi kriteria terduga TBC.</source>
        <translation>Does not meet the presumptive TB criteria.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="220"/>
        <source>Nomor {item} dijawab &quot;ya&quot;: ada pikiran untuk mengakhiri hidup.</source>
        <translation>Item {item} answered &quot;yes&quot;: thoughts of ending their life.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="223"/>
        <source>Belum dijawab: nomor {missing}.</source>
        <translation>Unanswered: items {missing}.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="224"/>
        <source>Jawaban &quot;ya&quot;: {score} (batas {threshold}).</source>
        <translation>&quot;Yes&quot; answers: {score} (threshold {threshold}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="225"/>
        <source>Jawaban &quot;ya&quot;: {score} (di bawah {threshold}).</source>
        <translation>&quot;Yes&quot; answers: {score} (below {threshold}).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="228"/>
        <source>{section} dinilai mulai usia {minimum_age} tahun; usia warga {age} tahun. Disimpan tanpa penilaian.</source>
        <translation>{section} is classified from age {minimum_age}; the resident is {age}. Saved without a classification.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="236"/>
        <source>sewaktu</source>
        <translation>random</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="237"/>
        <source>puasa</source>
        <translation>fasting</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="241"/>
        <source>Berat badan turun / nafsu makan turun tanpa sebab</source>
        <translation>Weight loss / poor appetite without cause</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="242"/>
        <source>Demam tanpa sebab</source>
        <translation>Fever without cause</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="243"/>
        <source>Badan lemas / lesu</source>
        <translation>Weakness / lethargy</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="244"/>
        <source>Berkeringat malam tanpa kegiatan</source>
        <translation>Night sweats without activity</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="245"/>
        <source>Sesak napas tanpa nyeri dada</source>
        <translation>Shortness of breath without chest pain</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="246"/>
        <source>Benjolan di leher atau ketiak</source>
        <translation>Lumps in the neck or armpit</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="250"/>
        <source>Pernah diobati TBC</source>
        <translation>Earlier TB treatment</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="251"/>
        <source>Pengobatan TBC tidak tuntas</source>
        <translation>Unfinished TB treatment</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="252"/>
        <source>Diabetes (kencing manis)</source>
        <translation>Diabetes</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="253"/>
        <source>HIV</source>
        <translation>HIV</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="254"/>
        <source>Merokok</source>
        <translation>Smoking</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="255"/>
        <source>Kurang gizi</source>
        <translation>Malnutrition</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="256"/>
        <source>Usia di atas 65 tahun</source>
        <translation>Age over 65</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="257"/>
        <source>Sedang hamil</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="261"/>
        <source>Tidak ada kontak</source>
        <translation>No contact</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="262"/>
        <source>Serumah dengan pasien TBC</source>
        <translation>Same household as a TB patient</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="263"/>
        <source>Kontak erat (tidak serumah)</source>
        <translation>Close contact (other household)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="267"/>
        <source>Apakah Anda sering sakit kepala?</source>
        <translation>Do you often have headaches?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="268"/>
        <source>Apakah nafsu makan Anda buruk?</source>
        <translation>Is your appetite poor?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="269"/>
        <source>Apakah Anda tidak bisa tidur nyenyak?</source>
        <translation>Do you sleep badly?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="270"/>
        <source>Apakah Anda mudah merasa takut?</source>
        <translation>Are you easily frightened?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="271"/>
        <source>Apakah Anda merasa cemas, tegang, atau khawatir?</source>
        <translation>Do you feel nervous, tense or worried?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="272"/>
        <source>Apakah tangan Anda gemetar?</source>
        <translation>Do your hands shake?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="273"/>
        <source>Apakah pencernaan Anda terganggu atau buruk?</source>
        <translation>Is your digestion poor?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="274"/>
        <source>Apakah Anda sulit berpikir dengan jernih?</source>
        <translation>Do you have trouble thinking clearly?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="275"/>
        <source>Apakah Anda merasa tidak bahagia?</source>
        <translation>Do you feel unhappy?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="276"/>
        <source>Apakah Anda menangis lebih sering dari biasanya?</source>
        <translation>Do you cry more than usual?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="277"/>
        <source>Apakah Anda sulit menikmati kegiatan sehari-hari?</source>
        <translation>Do you find it hard to enjoy your daily activities?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="278"/>
        <source>Apakah Anda sulit mengambil keputusan?</source>
        <translation>Do you find it hard to make decisions?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="279"/>
        <source>Apakah pekerjaan sehari-hari Anda terganggu?</source>
        <translation>Is your daily work suffering?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="280"/>
        <source>Apakah Anda tidak mampu berperan dalam hidup ini?</source>
        <translation>Are you unable to play a useful part in life?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="281"/>
        <source>Apakah Anda kehilangan minat pada berbagai hal?</source>
        <translation>Have you lost interest in things?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="282"/>
        <source>Apakah Anda merasa tidak berharga?</source>
        <translation>Do you feel worthless?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="283"/>
        <source>Apakah Anda punya pikiran untuk mengakhiri hidup?</source>
        <translation>Have you had thoughts of ending your life?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="284"/>
        <source>Apakah Anda merasa lelah sepanjang waktu?</source>
        <translation>Do you feel tired all the time?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="285"/>
        <source>Apakah ada rasa tidak enak di perut Anda?</source>
        <translation>Do you have uncomfortable feelings in your stomach?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="286"/>
        <source>Apakah Anda mudah lelah?</source>
        <translation>Are you easily tired?</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="294"/>
        <source>Sinkronisasi gagal.</source>
        <translation>Sending failed.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="295"/>
        <source>Data tetap aman di laptop dan akan dikirim lagi.</source>
        <translation>The data stays safe on this laptop and will be sent again.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="298"/>
        <source>Tidak ada koneksi ke Puskesmas.</source>
        <translation>No connection to the Puskesmas.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="299"/>
        <source>Data tersimpan dan akan dikirim otomatis.</source>
        <translation>The data is saved and will be sent automatically.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="302"/>
        <source>Server Puskesmas sedang sibuk.</source>
        <translation>The Puskesmas server is busy.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="303"/>
        <source>Data akan dikirim lagi nanti.</source>
        <translation>The data will be sent again later.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="306"/>
        <source>Paket data terlalu besar; dikirim ulang dalam bagian lebih kecil.</source>
        <translation>The data package was too large; it is being sent again in smaller parts.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="311"/>
        <source>Laptop ini belum terdaftar atau izinnya dicabut.</source>
        <translation>This laptop is not enrolled, or its access was revoked.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="312"/>
        <source>Hubungi admin Puskesmas.</source>
        <translation>Contact the Puskesmas admin.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="315"/>
        <source>Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa.</source>
        <translation>The enrolment code is wrong, already used, or expired.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="316"/>
        <source>Minta kode baru ke admin Puskesmas.</source>
        <translation>Ask the Puskesmas admin for a new code.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="319"/>
        <source>Jaringan meminta login Wi-Fi/voucher.</source>
        <translation>The network asks for a Wi-Fi/voucher login.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="320"/>
        <source>Buka browser untuk masuk, lalu tekan Kirim sekarang.</source>
        <translation>Open a browser to log in, then press Send now.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="323"/>
        <source>Versi aplikasi terlalu lama untuk server Puskesmas.</source>
        <translation>This app version is too old for the Puskesmas server.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="324"/>
        <source>Mohon perbarui aplikasi.</source>
        <translation>Please update the app.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="327"/>
        <source>Alamat server atau berkas sertifikat tidak bisa dipakai.</source>
        <translation>The server address or certificate file cannot be used.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="328"/>
        <source>Periksa Pengaturan: alamat harus diawali https:// dan berkas sertifikat harus ada.</source>
        <translation>Check Settings: the address must start with https:// and the certificate file must exist.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="334"/>
        <source>Sinkronisasi terganggu; data tetap aman dan akan dicoba lagi.</source>
        <translation>Sending was interrupted; the data stays safe and will be tried again.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="343"/>
        <source>Jenis data tidak dikenal oleh server Puskesmas.</source>
        <translation>The Puskesmas server does not know this kind of data.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="344"/>
        <source>Data tidak lengkap atau formatnya salah.</source>
        <translation>The data is incomplete or in the wrong format.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="345"/>
        <source>Data berubah atau rusak di perjalanan (kode cek tidak cocok).</source>
        <translation>The data changed or was damaged on the way (check code does not match).</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="348"/>
        <source>Isi data tidak bisa dibaca oleh server Puskesmas.</source>
        <translation>The Puskesmas server cannot read the contents of this data.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="349"/>
        <source>Jenis data tidak cocok dengan data yang sudah ada di server.</source>
        <translation>The kind of data does not match the data already on the server.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="352"/>
        <source>Data ini terdaftar di wilayah lain; minta petugas Puskesmas memindahkannya.</source>
        <translation>This data is registered in another area; ask the Puskesmas staff to move it.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="355"/>
        <source>Data ini sudah diubah dari perangkat lain; perlu dicek oleh petugas.</source>
        <translation>This data was changed on another device; staff need to check it.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="361"/>
        <source>NIK harus 16 angka</source>
        <translation>The NIK must be 16 digits</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="362"/>
        <source>NIK hanya boleh berisi angka</source>
        <translation>The NIK may contain digits only</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="363"/>
        <source>Kode provinsi pada NIK tidak dikenal</source>
        <translation>Unknown province code in the NIK</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="364"/>
        <source>Bulan lahir pada NIK tidak valid</source>
        <translation>Invalid birth month in the NIK</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="365"/>
        <source>Tanggal lahir pada NIK tidak valid</source>
        <translation>Invalid birth day in the NIK</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="366"/>
        <source>Tanggal lahir pada NIK tidak ada di kalender</source>
        <translation>The birth date in the NIK is not a real date</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="367"/>
        <source>Nomor urut pada NIK tidak boleh 0000</source>
        <translation>The NIK serial number cannot be 0000</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="371"/>
        <source>Tanggal lahir pada NIK berbeda dengan tanggal lahir yang diisi (boleh disimpan)</source>
        <translation>The NIK birth date differs from the birth date entered (can still be saved)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="374"/>
        <source>Jenis kelamin pada NIK berbeda dengan yang diisi (boleh disimpan)</source>
        <translation>The NIK sex differs from the sex entered (can still be saved)</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="380"/>
        <source>No. KK hanya boleh berisi angka</source>
        <translation>The family card number may contain digits only</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="381"/>
        <source>No. KK harus 16 angka</source>
        <translation>The family card number must be 16 digits</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="382"/>
        <source>Kode provinsi pada No. KK tidak dikenal</source>
        <translation>Unknown province code in the family card number</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="386"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="387"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="388"/>
        <source>Tanggal lahir</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="389"/>
        <source>Pemeriksaan</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="390"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="391"/>
        <source>No. KK</source>
        <translation>Family card no.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="392"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="393"/>
        <source>Berat badan</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="394"/>
        <source>Tinggi badan</source>
        <translation>Height</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="396"/>
        <source>Sistolik</source>
        <translation>Systolic</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="397"/>
        <source>Diastolik</source>
        <translation>Diastolic</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="400"/>
        <source>Lama batuk</source>
        <translation>Cough duration</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="404"/>
        <location filename="../../kader_app/ui/labels.py" line="405"/>
        <location filename="../../kader_app/ui/labels.py" line="409"/>
        <source>{field} wajib diisi</source>
        <translation>{field} is required</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="406"/>
        <source>{field} tidak valid</source>
        <translation>{field} is not valid</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="407"/>
        <source>{field} tidak boleh di masa depan</source>
        <translation>{field} cannot be in the future</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="408"/>
        <source>{field} ini sudah dibatalkan</source>
        <translation>This {field} has been voided</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="439"/>
        <source>Tidak dinilai karena usia; tanyakan ke nakes.</source>
        <translation>Not classified because of age; ask a health worker.</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="472"/>
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="488"/>
        <source>{field} di luar batas wajar ({minimum}–{maximum})</source>
        <translation>{field} outside the plausible range ({minimum}–{maximum})</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="491"/>
        <source>{field} harus paling sedikit {minimum}</source>
        <translation>{field} must be at least {minimum}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="493"/>
        <source>{field} harus paling banyak {maximum}</source>
        <translation>{field} must be at most {maximum}</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="495"/>
        <source>{field} tidak masuk akal, periksa lagi</source>
        <translation>{field} is not plausible, check again</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="507"/>
        <source>NIK tidak valid</source>
        <translation>Invalid NIK</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="544"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../kader_app/ui/labels.py" line="546"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../kader_app/app.py" line="114"/>
        <source>Menyiapkan data contoh…</source>
        <translation>Preparing demo data…</translation>
    </message>
    <message>
        <location filename="../../kader_app/app.py" line="116"/>
        <source>Data contoh</source>
        <translation>Demo data</translation>
    </message>
</context>
</TS>

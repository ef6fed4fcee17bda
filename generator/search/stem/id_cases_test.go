package stem

// indonesianCases maps an Indonesian word to the stem it must reduce to.
var indonesianCases = []struct{ word, want string }{
	// key requirement: work
	{"kerja", "kerja"}, {"bekerja", "kerja"}, {"pekerja", "kerja"}, {"pekerjaan", "kerja"},
	{"dipekerjakan", "kerja"}, {"mempekerjakan", "kerja"}, {"pekerjaannya", "kerja"},
	{"kerja-kerja", "kerja"}, {"pekerja-pekerja", "kerja"}, {"bekerjalah", "kerja"},
	{"Bekerja", "kerja"}, {"PEKERJAAN", "kerja"}, {"sekerja", "kerja"},
	// key requirement: protection
	{"lindung", "lindung"}, {"perlindungan", "lindung"}, {"pelindungan", "lindung"},
	{"melindungi", "lindung"}, {"dilindungi", "lindung"}, {"pelindung", "lindung"},
	{"terlindungi", "lindung"}, {"berlindung", "lindung"}, {"perlindungannya", "lindung"},
	// key requirement: departure (berangkat is its own KBBI lemma)
	{"berangkat", "berangkat"}, {"keberangkatan", "berangkat"}, {"pemberangkatan", "berangkat"},
	{"diberangkatkan", "berangkat"}, {"memberangkatkan", "berangkat"}, {"keberangkatannya", "berangkat"},
	// words that must not be stemmed
	{"tahun", "tahun"}, {"pasal", "pasal"}, {"makan", "makan"}, {"minta", "minta"},
	{"dokumen", "dokumen"}, {"paspor", "paspor"}, {"visa", "visa"}, {"tenaga", "tenaga"},
	{"keluarga", "keluarga"}, {"perempuan", "perempuan"}, {"pemerintah", "pemerintah"},
	{"pegawai", "pegawai"}, {"pesawat", "pesawat"}, {"pesangon", "pesangon"}, {"berkas", "berkas"},
	{"berita", "berita"}, {"beras", "beras"}, {"perlu", "perlu"}, {"periksa", "periksa"},
	{"pengacara", "pengacara"}, {"tersangka", "tersangka"}, {"penduduk", "penduduk"},
	{"sepakat", "sepakat"}, {"selamat", "selamat"}, {"sendiri", "sendiri"}, {"kembali", "kembali"},
	{"terima", "terima"}, {"tempat", "tempat"}, {"ketua", "ketua"}, {"pertama", "pertama"},
	{"majikan", "majikan"}, {"asuransi", "asuransi"}, {"imigrasi", "imigrasi"}, {"migran", "migran"},
	{"penjara", "penjara"}, {"penting", "penting"}, {"mereka", "mereka"}, {"ikan", "ikan"},
	{"bukan", "bukan"}, {"dengan", "dengan"}, {"jalan", "jalan"}, {"teman", "teman"},
	{"sekolah", "sekolah"}, {"sehat", "sehat"}, {"kemudian", "kemudian"}, {"kepada", "kepada"},
	// unknown words come back lowercased
	{"Jakarta", "jakarta"}, {"qwertyuiop", "qwertyuiop"}, {"bp2mi", "bp2mi"}, {"x", "x"},
	{"sayur-mayur", "sayur-mayur"}, {"e-ktp", "e-ktp"}, {"covid-19", "covid-19"},
	// inflectional particles
	{"bukulah", "buku"}, {"apakah", "apa"}, {"siapakah", "siapa"}, {"apatah", "apa"},
	{"siapapun", "siapa"}, {"walaupun", "walau"}, {"kerjalah", "kerja"}, {"bantulah", "bantu"},
	{"pulanglah", "pulang"}, {"dimanakah", "mana"},
	// possessive pronouns
	{"gajinya", "gaji"}, {"gajiku", "gaji"}, {"gajimu", "gaji"}, {"hakmu", "hak"},
	{"haknya", "hak"}, {"pasporku", "paspor"}, {"paspornya", "paspor"}, {"majikannya", "majikan"},
	{"keluarganya", "keluarga"}, {"upahnya", "upah"}, {"anaknyalah", "anak"}, {"rumahmupun", "rumah"},
	{"kontraknya", "kontrak"}, {"visanya", "visa"},
	// derivational suffixes
	{"bayarkan", "bayar"}, {"laporkan", "lapor"}, {"pulangkan", "pulang"}, {"kirimkan", "kirim"},
	{"simpanan", "simpan"}, {"pinjaman", "pinjam"}, {"tabungan", "tabung"}, {"tunjangan", "tunjang"},
	{"potongan", "potong"}, {"tahanan", "tahan"}, {"bantuan", "bantu"}, {"aduan", "adu"},
	{"laporan", "lapor"}, {"tuntutan", "tuntut"}, {"kiriman", "kirim"}, {"ulangi", "ulang"},
	{"datangi", "datang"}, {"tandatangani", "tandatangan"}, {"jauhi", "jauh"}, {"lewati", "lewat"},
	{"urusan", "urus"}, {"aturan", "atur"}, {"gajian", "gaji"}, {"bayaran", "bayar"},
	{"didikan", "didik"}, {"masukan", "masuk"},
	// di-
	{"dibayar", "bayar"}, {"dipotong", "potong"}, {"ditahan", "tahan"}, {"disimpan", "simpan"},
	{"dijual", "jual"}, {"ditipu", "tipu"}, {"dipaksa", "paksa"}, {"dipukul", "pukul"},
	{"dikirim", "kirim"}, {"dipulangkan", "pulang"}, {"dilaporkan", "lapor"}, {"dibayarkan", "bayar"},
	{"dijamin", "jamin"}, {"diperiksa", "periksa"}, {"diurus", "urus"}, {"disita", "sita"},
	{"dirampas", "rampas"}, {"diperlukan", "perlu"}, {"diberikan", "beri"}, {"dijanjikan", "janji"},
	{"ditandatangani", "tandatangan"}, {"didaftarkan", "daftar"}, {"dilatih", "latih"},
	{"diketahui", "tahu"}, {"dipecat", "pecat"}, {"diperdagangkan", "dagang"}, {"dimakan", "makan"},
	// ke-
	{"kesehatan", "sehat"}, {"keselamatan", "selamat"}, {"kesepakatan", "sepakat"},
	{"kepulangan", "pulang"}, {"keamanan", "aman"}, {"kekerasan", "keras"}, {"kewajiban", "wajib"},
	{"keadilan", "adil"}, {"kebebasan", "bebas"}, {"kemiskinan", "miskin"}, {"kesejahteraan", "sejahtera"},
	{"kehilangan", "hilang"}, {"kecelakaan", "celaka"}, {"kematian", "mati"}, {"kelahiran", "lahir"},
	{"keterampilan", "terampil"}, {"keimigrasian", "imigrasi"}, {"ketahui", "tahu"},
	{"keberatan", "berat"}, {"ketenagakerjaan", "ketenagakerjaan"}, {"kedutaan", "duta"},
	// se-
	{"sesuai", "sesuai"}, {"sebulan", "bulan"}, {"setahun", "tahun"}, {"serumah", "rumah"},
	{"sekampung", "kampung"}, {"sejumlah", "jumlah"}, {"sebagian", "bagi"},
	// ber-, be-, bel-
	{"bersama", "sama"}, {"berhak", "hak"}, {"berlaku", "laku"}, {"bermain", "main"},
	{"berobat", "obat"}, {"berhenti", "henti"}, {"berutang", "utang"}, {"berbahaya", "bahaya"},
	{"berdasarkan", "dasar"}, {"bertanggung", "tanggung"}, {"bersedia", "sedia"}, {"berkeluarga", "keluarga"},
	{"beragama", "agama"}, {"berumah", "rumah"}, {"berisi", "isi"}, {"berdaerah", "daerah"},
	{"belajar", "ajar"}, {"beternak", "ternak"}, {"berusaha", "usaha"}, {"berpindah", "pindah"},
	{"bertahan", "tahan"}, {"berjualan", "jual"}, {"berjanji", "janji"}, {"bersekolah", "sekolah"},
	{"berpengalaman", "alam"}, {"berkelanjutan", "lanjut"}, {"berlari-lari", "lari"},
	// ter-, te-
	{"terlambat", "lambat"}, {"terjadi", "jadi"}, {"tertipu", "tipu"}, {"terpaksa", "paksa"},
	{"termasuk", "masuk"}, {"terdaftar", "daftar"}, {"terpercaya", "percaya"}, {"terlantar", "lantar"},
	{"tertangkap", "tangkap"}, {"terangkat", "angkat"}, {"tersedia", "sedia"}, {"terhadap", "hadap"},
	{"terpenuhi", "penuh"}, {"terkena", "kena"},
	// me- (l, r, w, y)
	{"melapor", "lapor"}, {"melaporkan", "lapor"}, {"melatih", "latih"}, {"melihat", "lihat"},
	{"merawat", "rawat"}, {"merekrut", "rekrut"}, {"mewakili", "wakil"}, {"meyakinkan", "yakin"},
	{"melarikan", "lari"}, {"melanggar", "langgar"},
	// mem-
	{"membayar", "bayar"}, {"membantu", "bantu"}, {"membawa", "bawa"}, {"memfitnah", "fitnah"},
	{"memotong", "potong"}, {"memaksa", "paksa"}, {"memeriksa", "periksa"}, {"memukul", "pukul"},
	{"memakan", "makan"}, {"meminta", "minta"}, {"memulangkan", "pulang"}, {"memakai", "pakai"},
	{"memperpanjang", "panjang"}, {"mempunyai", "punya"}, {"memperhatikan", "hati"},
	{"memberikan", "beri"}, {"membiayai", "biaya"}, {"memerlukan", "perlu"}, {"memberhentikan", "henti"},
	{"memproses", "proses"}, {"memperdagangkan", "dagang"}, {"mempertahankan", "tahan"},
	// men-
	{"mencari", "cari"}, {"mendapat", "dapat"}, {"mendaftar", "daftar"}, {"menjual", "jual"},
	{"menjamin", "jamin"}, {"menzalimi", "zalim"}, {"menipu", "tipu"}, {"menahan", "tahan"},
	{"menanam", "tanam"}, {"menulis", "tulis"}, {"menuntut", "tuntut"}, {"menikah", "nikah"},
	{"menerima", "terima"}, {"menanyakan", "tanya"}, {"menunggu", "tunggu"}, {"menempatkan", "tempat"},
	{"menandatangani", "tandatangan"}, {"menolong", "tolong"}, {"menyanyi", "nyanyi"},
	{"mendampingi", "damping"}, {"mendidik", "didik"},
	// meng-
	{"mengirim", "kirim"}, {"mengirimkan", "kirim"}, {"mengurus", "urus"}, {"mengadu", "adu"},
	{"mengadukan", "adu"}, {"mengangkat", "angkat"}, {"menggaji", "gaji"}, {"menghukum", "hukum"},
	{"mengkritik", "kritik"}, {"mengambil", "ambil"}, {"mengatakan", "kata"}, {"mengajukan", "aju"},
	{"mengganti", "ganti"}, {"menggunakan", "guna"}, {"menghubungi", "hubung"}, {"mengobati", "obat"},
	{"mengetahui", "tahu"}, {"mengecek", "cek"}, {"mengakhiri", "akhir"}, {"mengeluh", "keluh"},
	{"mengumpulkan", "kumpul"}, {"mengurangi", "kurang"},
	// meny-
	{"menyimpan", "simpan"}, {"menyita", "sita"}, {"menyiksa", "siksa"}, {"menyewa", "sewa"},
	{"menyelesaikan", "selesai"}, {"menyelundupkan", "selundup"}, {"menyerahkan", "serah"},
	{"menyatakan", "nyata"}, {"menyetujui", "setuju"}, {"menyekap", "sekap"}, {"menyampaikan", "sampai"},
	// pe-
	{"pedagang", "dagang"}, {"petani", "tani"}, {"pesuruh", "suruh"}, {"petinju", "tinju"},
	{"pelatih", "latih"}, {"pelatihan", "latih"}, {"pelapor", "lapor"}, {"pelaporan", "lapor"},
	{"pelajar", "ajar"}, {"pelajaran", "ajar"}, {"pelanggaran", "langgar"}, {"pelecehan", "leceh"},
	{"pewarna", "warna"}, {"pelaku", "laku"}, {"pelaut", "laut"},
	// per-
	{"perdagangan", "dagang"}, {"perjanjian", "janji"}, {"perusahaan", "usaha"}, {"perizinan", "izin"},
	{"peraturan", "atur"}, {"persetujuan", "setuju"}, {"pernikahan", "nikah"}, {"perekrutan", "rekrut"},
	{"perumahan", "rumah"}, {"perbudakan", "budak"}, {"pertanggungjawaban", "tanggungjawab"},
	{"perpanjangan", "panjang"}, {"perkebunan", "kebun"}, {"perbatasan", "batas"}, {"perawatan", "rawat"},
	// pem-
	{"pembayaran", "bayar"}, {"pembiayaan", "biaya"}, {"pembantu", "bantu"}, {"pemotongan", "potong"},
	{"pemaksaan", "paksa"}, {"pemeriksaan", "periksa"}, {"pemulangan", "pulang"}, {"pemukul", "pukul"},
	{"pemerasan", "peras"}, {"pemberhentian", "henti"}, {"pemberdayaan", "daya"}, {"pemakai", "pakai"},
	{"pemerintahan", "pemerintah"}, {"pemalsuan", "palsu"},
	// pen-
	{"pencari", "cari"}, {"pendaftaran", "daftar"}, {"penjual", "jual"}, {"penjualan", "jual"},
	{"penjamin", "jamin"}, {"penipu", "tipu"}, {"penipuan", "tipu"}, {"penahanan", "tahan"},
	{"penempatan", "tempat"}, {"penulis", "tulis"}, {"penanam", "tanam"}, {"penerima", "terima"},
	{"penerimaan", "terima"}, {"pendidikan", "didik"}, {"penuntut", "tuntut"}, {"pendamping", "damping"},
	{"pendampingan", "damping"}, {"penampungan", "tampung"},
	// peng-
	{"pengirim", "kirim"}, {"pengiriman", "kirim"}, {"pengurus", "urus"}, {"pengurusan", "urus"},
	{"pengaduan", "adu"}, {"pengangkutan", "angkut"}, {"penggajian", "gaji"}, {"penghasilan", "hasil"},
	{"pengusaha", "usaha"}, {"pengambilan", "ambil"}, {"pengawasan", "awas"}, {"penganiayaan", "aniaya"},
	{"pengecekan", "cek"}, {"pengetahuan", "tahu"}, {"penggantian", "ganti"}, {"pengumuman", "umum"},
	{"pengajuan", "aju"}, {"pengadilan", "adil"}, {"penghukuman", "hukum"},
	// peny-
	{"penyimpanan", "simpan"}, {"penyitaan", "sita"}, {"penyiksaan", "siksa"}, {"penyewaan", "sewa"},
	{"penyelundupan", "selundup"}, {"penyalur", "salur"}, {"penyelesaian", "selesai"},
	{"penyanyi", "nyanyi"}, {"penyekapan", "sekap"}, {"penyakit", "sakit"},
	// confix restrictions and loop pengembalian akhiran
	{"beri", "beri"}, {"berikan", "beri"}, {"dimakan", "makan"}, {"pemasukan", "masuk"},
	{"memasukkan", "masuk"}, {"menyimpan", "simpan"}, {"bertahan", "tahan"}, {"dimakannya", "makan"},
	{"pendidikannya", "didik"}, {"ketahuilah", "tahu"}, {"kesepakatannya", "sepakat"},
	// reduplication
	{"anak-anak", "anak"}, {"anak-anaknya", "anak"}, {"buku-buku", "buku"}, {"hak-hak", "hak"},
	{"bermain-main", "main"}, {"tolong-menolong", "tolong"}, {"kebarat-baratan", "barat"},
	{"undang-undang", "undang"}, {"peraturan-peraturan", "atur"}, {"Anak-Anak", "anak"},
	{"surat-surat", "surat"}, {"pekerja-pekerjanya", "kerja"}, {"laki-laki", "laki"},
	{"sewenang-wenang", "wenang"}, {"berkali-kali", "kali"}, {"sebanyak-banyaknya", "banyak"},
	// function words and lexicalised forms
	{"tetapi", "tetapi"}, {"penyelenggaraan", "selenggara"}, {"sebagai", "bagai"}, {"tersebut", "sebut"},
	{"berikut", "ikut"}, {"sehingga", "hingga"}, {"adalah", "ada"}, {"merupakan", "rupa"},
	{"mengenai", "kena"}, {"terhadap", "hadap"}, {"khususnya", "khusus"}, {"sebenarnya", "benar"},
	{"pemerkosaan", "perkosa"}, {"diperkosa", "perkosa"}, {"kejahatan", "jahat"}, {"penjahat", "jahat"},
	{"perjalanan", "jalan"}, {"pelaksanaan", "laksana"}, {"keputusan", "putus"}, {"pemutusan", "putus"},
	{"penerbangan", "terbang"}, {"kewenangan", "wenang"}, {"pemagangan", "magang"},
	{"mengakibatkan", "akibat"}, {"berpendidikan", "didik"}, {"berpakaian", "pakai"},
}

package markdown

import (
	"io"
	"testing"
)

// benchPage is a realistic guide of about 4.4 KB.
const benchPage = `Banyak calon pekerja migran kehilangan uang karena **biaya penempatan** yang tidak sah. Panduan ini
menjelaskan hak Anda menurut [[UU18:6(1)j]], dokumen yang harus Anda pegang sendiri, dan ke mana
melapor jika ada masalah. Baca juga [syarat dokumen](../persiapan/paspor.md#paspor) sebelum berangkat.

> [!WARNING]
> Jangan serahkan paspor Anda kepada siapa pun, termasuk [[term:p3mi]] atau agen. Paspor adalah
> milik Anda dan hanya boleh dipegang oleh Anda sendiri.

## Hak Anda sebelum berangkat

Sebagai [[term:cpmi]], Anda berhak mendapat informasi yang benar tentang pekerjaan, gaji dan
kondisi kerja di negara tujuan ([[UU18:6(1)]]). Anda juga berhak:

- mendapat salinan **perjanjian kerja** dalam bahasa yang Anda pahami;
- menolak membayar biaya yang tidak tercantum dalam [struktur biaya resmi](/id/biaya/);
- mengikuti orientasi pra-pemberangkatan tanpa biaya tambahan;
- mendapat jaminan sosial sejak sebelum berangkat[^bpjs].

> [!RIGHT]
> Anda boleh membatalkan keberangkatan. [[term:p3mi]] wajib mengembalikan dokumen Anda dalam keadaan
> utuh, menurut [[UU18:30]].

### Dokumen yang harus Anda pegang

| Dokumen | Siapa yang menyimpan | Catatan |
|:--|:--|:--|
| Paspor | Anda | Jangan dititipkan |
| Visa kerja | Anda | Periksa nama dan tanggal |
| Perjanjian kerja | Anda dan pemberi kerja | Minta salinan |
| Kartu peserta BPJS | Anda | Simpan fotonya juga |

Periksa daftar berikut sebelum berangkat:

- [ ] Paspor asli dan fotokopinya
- [ ] Visa kerja yang sesuai dengan pekerjaan Anda
- [ ] Perjanjian kerja yang sudah Anda baca dan pahami
- [ ] Nomor telepon keluarga dan perwakilan RI di negara tujuan
- [x] Sertifikat orientasi pra-pemberangkatan

## Biaya penempatan

Untuk banyak negara tujuan, biaya penempatan **tidak boleh dibebankan** kepada Anda. Biaya yang
boleh dibebankan tercantum dalam keputusan menteri dan berbeda untuk setiap negara. Jika Anda diminta
membayar lebih, simpan buktinya: kuitansi, pesan, atau rekaman.

Biaya paspor
: Dibayar sendiri di kantor imigrasi, sesuai tarif PNBP.

Pemeriksaan kesehatan
: Di sarana kesehatan yang ditunjuk; tarif harus tertulis.

Pelatihan kerja
: Tidak boleh menjadi alasan menahan dokumen Anda.

![Contoh kuitansi yang sah](img/peta.png)

### Jika diminta membayar lebih

1. Jangan membayar tunai tanpa kuitansi.
2. Catat nama, tanggal dan jumlah yang diminta.
3. Laporkan ke Dinas Tenaga Kerja setempat atau ke [[contact:kp2mi]].

> [!TIP]
> Simpan foto semua dokumen di ponsel dan kirim salinannya ke keluarga. Jika dokumen hilang,
> salinan ini mempercepat penggantian.

## Di negara tujuan

Pemberi kerja wajib membayar gaji penuh dan tepat waktu, memberi hari libur, dan tidak boleh menahan
paspor Anda ([[UU18:6(1)d]]). Jika gaji Anda dipotong tanpa penjelasan, catat tanggal dan jumlahnya.
Kemnaker juga punya informasi di https://www.kemnaker.go.id dan di <https://bp2mi.go.id>.

Jika Anda sakit atau mengalami kekerasan, segera hubungi perwakilan RI atau layanan berikut. Layanan
ini gratis dan bisa dihubungi dalam bahasa Indonesia.

[[contact:kp2mi]]

> [!HELP]
> Jika Anda tidak bisa menelepon, kirim pesan WhatsApp ke nomor di atas. Sebutkan nama, negara
> tempat Anda bekerja, dan apa yang terjadi.

## Jika terjadi masalah

Masalah yang paling sering dilaporkan adalah gaji yang tidak dibayar, jam kerja yang terlalu panjang,
dan dokumen yang ditahan. Untuk setiap masalah, kumpulkan bukti sebanyak mungkin: foto, pesan,
slip gaji, dan nama orang yang terlibat. Bukti ini membantu petugas menindaklanjuti laporan Anda.

1. Hubungi perwakilan RI terdekat; alamatnya ada di [daftar perwakilan](/id/bantuan/perwakilan/).
2. Jika Anda masih di Indonesia, datangi Dinas Tenaga Kerja kabupaten atau kota Anda.
3. Anda juga bisa menghubungi [[contact:kp2mi]] kapan saja, termasuk hari libur.

> [!NOTE]
> Laporan Anda dirahasiakan. Anda tidak akan kehilangan hak karena melapor, dan ~~tidak perlu~~
> tidak boleh dimintai biaya untuk pengaduan.

## Pulang ke Indonesia

Setelah kontrak selesai, Anda berhak pulang dengan biaya yang sudah disepakati dalam perjanjian
kerja. Simpan semua slip gaji dan surat keterangan kerja; Anda memerlukannya untuk klaim jaminan sosial.
Periksa kembali [[term:cpmi|hak calon pekerja migran]] di halaman [awal](#hak-anda-sebelum-berangkat).

[^bpjs]: Jaminan sosial ketenagakerjaan untuk pekerja migran diatur dalam peraturan menteri
    dan melindungi Anda sejak masa persiapan.
`

func BenchmarkConvert(b *testing.B) {
	c := New(Options{Theme: testTheme})
	src := []byte(benchPage)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d := c.Parse(src, 10)
		if probs := d.Resolve(fakeResolver{}); len(probs) != 0 {
			b.Fatal(probs)
		}
		if err := c.Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse is the parse stage alone: Markdown to a resolved-ready document.
func BenchmarkParse(b *testing.B) {
	c := New(Options{Theme: testTheme})
	src := []byte(benchPage)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		c.Parse(src, 10)
	}
}

// BenchmarkRender is the Markdown render stage alone: a parsed, resolved document to HTML, as
// the build renders it (RenderSplit: the emergency lead and the rest).
func BenchmarkRender(b *testing.B) {
	c := New(Options{Theme: testTheme}) // the page's callout renders with the theme's partial
	src := []byte(benchPage)
	d := c.Parse(src, 10)
	if probs := d.Resolve(fakeResolver{}); len(probs) != 0 {
		b.Fatal(probs)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := c.RenderSplit(d); err != nil {
			b.Fatal(err)
		}
	}
}

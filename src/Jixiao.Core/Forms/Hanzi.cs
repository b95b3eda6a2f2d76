using System.Collections.Frozen;

namespace Jixiao.Core.Forms;

/// <summary>
/// Folds the traditional characters (繁体字) that the labels of performance forms use into their simplified forms
/// (項目名稱 → 项目名称, 產出指標 → 产出指标), so that a form printed in traditional characters is read by the same
/// labels. Only the characters of the forms' vocabulary are folded; other text is left as printed.
/// </summary>
public static class Hanzi
{
    // Pairs of traditional → simplified, written as two parallel strings.
    private const string TraditionalChars =
        "項稱門單實際產數質時標級經濟會態續響務對滿總額預執權資劃開績評價報結轉財撥負責問題進與達獲據測長類編碼請業發衛療規計劃說這們個為來從當後過還應點電話審簽製統費帶證護環綜鎮區縣廳處辦務區縣員導專戶場戰廣鄉幣覽擬舉據"
        + "億萬兩無於並產辦"
        + "體書圖館學視頻監網絡設備維運營動勞農醫藥補貼險養風災歷義廠機關構條號華國蓋齊錢銀儲職聯繫傳檔記錄準確內況狀變動舊單價額標準務況據優較優總體綫線邊遠區級選擇顯積極參與協調組織種購買維護頁碼備註";
    private const string SimplifiedChars =
        "项称门单实际产数质时标级经济会态续响务对满总额预执权资划开绩评价报结转财拨负责问题进与达获据测长类编码请业发卫疗规计划说这们个为来从当后过还应点电话审签制统费带证护环综镇区县厅处办务区县员导专户场战广乡币览拟举据"
        + "亿万两无于并产办"
        + "体书图馆学视频监网络设备维运营动劳农医药补贴险养风灾历义厂机关构条号华国盖齐钱银储职联系传档记录准确内况状变动旧单价额标准务况据优较优总体线线边远区级选择显积极参与协调组织种购买维护页码备注";

    private static readonly FrozenDictionary<char, char> Map = Build();

    /// <summary>Folds <paramref name="text"/> in place.</summary>
    public static void Simplify(Span<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] >= '\u4e00' && Map.TryGetValue(text[i], out var simple))
            {
                text[i] = simple;
            }
        }
    }

    /// <summary>The text with the vocabulary's traditional characters folded; the same instance when there are none.</summary>
    public static string Simplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = -1;
        for (var i = 0; i < text.Length && at < 0; i++)
        {
            if (text[i] >= '\u4e00' && Map.ContainsKey(text[i]))
            {
                at = i;
            }
        }

        if (at < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        Simplify(chars.AsSpan(at));
        return new string(chars);
    }

    private static FrozenDictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < TraditionalChars.Length; i++)
        {
            if (TraditionalChars[i] != SimplifiedChars[i])
            {
                map[TraditionalChars[i]] = SimplifiedChars[i];
            }
        }

        return map.ToFrozenDictionary();
    }
}

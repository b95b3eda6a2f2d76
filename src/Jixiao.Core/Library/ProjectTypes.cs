using Jixiao.Core.Forms;

namespace Jixiao.Core.Library;

/// <summary>
/// A kind of project (项目类型) as the indicator library (指标库) groups forms: what the money is spent on, decided by
/// keywords of the project name (<see cref="ProjectTypes.Classify"/>). <see cref="Code"/> is what is stored.
/// </summary>
/// <param name="Code">A short stable name (<c>video-surveillance</c>), stored with the library's figures.</param>
/// <param name="NameZh">The type's name in Chinese (视频监控).</param>
/// <param name="NameEn">The type's name in English.</param>
/// <param name="Keywords">The words of a project name that make a project of this type.</param>
public sealed record ProjectType(string Code, string NameZh, string NameEn, IReadOnlyList<string> Keywords);

/// <summary>The type a project name is of, and the keyword that decided it (null for <see cref="ProjectTypes.Other"/>).</summary>
public sealed record ProjectMatch(ProjectType Type, string? Keyword);

/// <summary>
/// The project types of the indicator library and how a project name is classified. The forms carry no type of their
/// own: 项目类别 (经常性项目, 一次性项目, 延续性项目) says how the money recurs, not what it buys, and self-evaluations
/// do not print it. So the type is read from the project name: the longest keyword of any type found in the name's
/// <see cref="TextKey"/> (traditional characters folded) decides; between keywords of the same length the type listed
/// first wins — the specific techniques first (视频监控, 信息化), then the fields of spending (卫生健康, 教育 …), then the
/// general kinds of spending (设备购置, 维修养护, 补助补贴 …). A name with no keyword is of type <see cref="Other"/>.
/// </summary>
/// <remarks>
/// Examples: 治安视频监控运维 → 视频监控 (视频监控 is longer than 运维); 视频会议系统维护 → 信息化 (视频会议);
/// 交通信号灯维护 → 交通 (信号灯); 警用装备购置 → 设备购置; 居家养老服务补贴 → 养老服务 (养老 and 补贴 are equally long,
/// and the field comes first). The list is data: a change of it changes the library's figures, which are rebuilt at
/// the next start (the library's version).
/// </remarks>
public static class ProjectTypes
{
    /// <summary>Projects whose name holds no keyword.</summary>
    public static ProjectType Other { get; } = new("other", "其他", "Other", []);

    /// <summary>Every type in the order of precedence, <see cref="Other"/> last.</summary>
    public static IReadOnlyList<ProjectType> All { get; } =
    [
        // the specific techniques
        new("video-surveillance", "视频监控", "Video surveillance", ["视频监控", "监控", "技防", "天网", "雪亮", "安防"]),
        new("information-systems", "信息化", "Information systems",
            ["信息化", "信息系统", "一网通办", "网络安全", "等级保护", "视频会议", "政务云", "云服务", "软件", "网络", "数据", "智慧", "平台", "系统"]),

        // the fields of spending
        new("health", "卫生健康", "Health", ["体检", "免疫", "疫苗", "疾病", "传染病", "慢性病", "医疗", "医生", "卫生", "健康", "妇幼"]),
        new("elderly-care", "养老服务", "Elderly care", ["养老", "为老", "长者食堂", "长者", "老年", "助餐"]),
        new("social-assistance", "社会救助", "Social assistance", ["救助", "困难群众", "帮扶", "慰问", "低保", "残疾"]),
        new("education", "教育", "Education", ["中小学", "幼儿园", "学校", "校园", "校舍", "学生", "教师", "教育", "课后"]),
        new("legal-services", "司法与法律服务", "Legal services", ["法律服务", "法律援助", "法律", "调解", "矫正", "法治", "司法"]),
        new("culture", "文化体育", "Culture and sport", ["非物质文化遗产", "非遗", "文化", "图书", "文旅", "博物馆", "节庆", "文体", "体育"]),
        new("agriculture", "农业农村", "Agriculture", ["动物疫病", "农田", "耕地", "农业", "农村", "农民", "粮食", "畜牧", "种植"]),
        new("water", "水务", "Water", ["河道", "排水", "供水", "水质", "泵站", "防汛", "水利", "水务", "管网"]),
        new("greening", "绿化园林", "Parks and greening", ["行道树", "绿化", "绿地", "公园", "园林", "补植"]),
        new("sanitation", "环境卫生", "Sanitation", ["公共厕所", "垃圾", "保洁", "环卫", "厕所", "清扫", "市容", "冲洗"]),
        new("emergency", "应急与安全生产", "Emergencies and safety",
            ["危险化学品", "安全生产", "应急", "消防", "防灾", "减灾", "救援", "演练", "防台"]),
        new("traffic", "交通", "Traffic", ["信号灯", "交通", "道路", "停车", "公交", "桥梁"]),
        new("community", "社区治理", "Community", ["居民区", "社区", "网格", "小区", "平安", "自治"]),
        new("government-services", "政务服务", "Government services", ["政务服务", "12345", "热线", "窗口"]),

        // the general kinds of spending
        new("equipment", "设备购置", "Equipment", ["设备购置", "设备更新", "装备购置", "购置", "采购", "设备", "装备"]),
        new("construction", "工程建设", "Construction", ["工程", "新建", "扩建", "改建", "建设"]),
        new("maintenance", "维修养护", "Maintenance", ["维修", "养护", "维护", "运维", "修缮", "保养", "改造", "修剪"]),
        new("training", "培训", "Training", ["培训", "进修", "研修"]),
        new("publicity", "宣传", "Publicity", ["宣传", "宣讲", "普法", "科普"]),
        new("subsidy", "补助补贴", "Subsidies", ["补助", "补贴", "奖补", "奖励", "资助", "津贴"]),
        new("enforcement", "执法监管", "Enforcement", ["执法", "检查", "监察", "稽查", "监管", "巡查"]),
        new("monitoring", "监测评估", "Monitoring and evaluation", ["监测", "检测", "评估", "测评", "普查", "调查"]),
        new("reserves", "物资储备", "Reserves", ["储备", "物资"]),
        new("operations", "运行经费", "Running costs", ["运行", "运营", "经费", "日常", "办公"]),
        Other,
    ];

    private static readonly Dictionary<string, ProjectType> ByCodes = All.ToDictionary(t => t.Code, StringComparer.Ordinal);

    /// <summary>Every keyword with its type, longest first, then in the order of the types.</summary>
    private static readonly (string Keyword, ProjectType Type)[] Keywords =
    [
        .. All.SelectMany((t, order) => t.Keywords.Select(k => (Keyword: TextKey.Of(k), Type: t, Order: order)))
            .OrderByDescending(k => k.Keyword.Length).ThenBy(k => k.Order)
            .Select(k => (k.Keyword, k.Type)),
    ];

    /// <summary>The type of code <paramref name="code"/>, or null when there is none.</summary>
    public static ProjectType? ByCode(string? code) => code is not null && ByCodes.TryGetValue(code, out var type) ? type : null;

    /// <summary>The type of a project named <paramref name="projectName"/> (see <see cref="ProjectTypes"/>).</summary>
    public static ProjectMatch Classify(string? projectName)
    {
        var name = Hanzi.Simplified(TextKey.Of(projectName));
        if (name.Length > 0)
        {
            foreach (var (keyword, type) in Keywords)
            {
                if (name.Contains(keyword, StringComparison.Ordinal))
                {
                    return new ProjectMatch(type, keyword);
                }
            }
        }

        return new ProjectMatch(Other, null);
    }
}
